/** @odoo-module **/
// A clerk, from the home page, opens the agents' agenda and books a customer
// visit: the first day proposed clashes with the agent's trade fair (an
// absence already in the agent's calendar), so the visit moves to a free day.
// The dates are fixed (see AWAY_DAY and FREE_DAY in tests/test_tours.py) and
// typed in the clerk's date format, in the browser's time zone.
import { registry } from "@web/core/registry";
import { formatDateTime } from "@web/core/l10n/dates";
import {
    SERVER_TIMEOUT,
    fillMany2one,
    openAppMenu,
    saveForm,
} from "@bo_sales/../tests/tours/bo_tour_utils";

const { DateTime } = luxon;

function typeStart(year, month, day) {
    return async (helpers) => {
        await helpers.edit(formatDateTime(DateTime.local(year, month, day, 10, 0)));
        await helpers.press("Enter");
    };
}

registry.category("web_tour.tours").add("bo_sales_agenda_tour", {
    steps: () => [
        ...openAppMenu("bo_sales.bo_agents_menu", "bo_sales.bo_agenda_menu"),
        {
            content: "The agents' agenda opens on the calendar",
            trigger: ".o_calendar_view",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Switch to the list of appointments",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "New appointment",
            trigger: ".o_list_view .o_list_button_add, .o_control_panel .o_list_button_add",
            run: "click",
        },
        ...fillMany2one("bo_agent_id", "Agente Tour"),
        ...fillMany2one("bo_customer_id", "Cliente Agenda Tour"),
        {
            content: "The title is proposed from the customer",
            trigger: ".o_field_widget[name=name] input:value(Cliente Agenda Tour)",
        },
        {
            content: "Propose the day the agent is at the fair",
            trigger: ".o_field_widget[name=start] input[data-field=start]",
            run: typeStart(2030, 3, 5),
        },
        {
            content: "The form warns that the agent is away",
            trigger: ".o_form_view div[name=bo_conflict_alert]:contains(Fiera Tour)",
        },
        {
            content: "Move the visit to a free day",
            trigger: ".o_field_widget[name=start] input[data-field=start]",
            run: typeStart(2030, 3, 7),
        },
        {
            content: "No more conflict",
            trigger: ".o_form_view:not(:has(div[name=bo_conflict_alert])) .o_field_widget[name=start]",
        },
        ...saveForm(),
        {
            content: "The visit is booked and planned",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=bo_state] .o_arrow_button_current[data-value=planned]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Back to the appointments",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The visit is in the agent's agenda",
            trigger: ".o_list_view .o_data_row:contains(Cliente Agenda Tour):contains(Agente Tour)",
            timeout: SERVER_TIMEOUT,
        },
    ],
});
