from . import bo_agent_agenda_report
