/** @odoo-module **/
// A back-office manager, from the home page, sets up a monthly sales report in
// its form, produces it now, reads the run, its files and its recipients,
// finds the run among the report's runs, then opens the sales analysis as a
// pivot table and as a graph.
import { registry } from "@web/core/registry";
import {
    SERVER_TIMEOUT,
    addMany2manyTag,
    clickHeaderButton,
    createRecord,
    fillField,
    openAppMenu,
    openMenu,
    saveForm,
    selectOption,
    statusIs,
} from "@bo_sales/../tests/tours/bo_tour_utils";

registry.category("web_tour.tours").add("bo_reporting_periodic_report_tour", {
    steps: () => [
        ...openAppMenu("bo_reporting.bo_reports_menu", "bo_reporting.bo_periodic_report_menu"),
        ...createRecord(),
        ...fillField("name", "Tour monthly sales"),
        ...selectOption("kind", "sales"),
        ...selectOption("periodicity", "monthly"),
        ...fillField("run_day", "1"),
        ...selectOption("formats", "both"),
        ...addMany2manyTag("recipient_user_ids", "Roberto Tour"),
        ...addMany2manyTag("recipient_partner_ids", "Marketing Tour"),
        ...saveForm(),
        {
            content: "The periodic report has not run yet",
            trigger: ".o_action_manager button[name=action_open_runs]:has(.o_stat_value:contains(0))",
        },
        ...clickHeaderButton("action_generate_now", "Generate it now"),
        ...statusIs("done", { content: "The run is produced and sent" }),
        {
            content: "The run holds the PDF",
            trigger: ".o_field_widget[name=attachment_ids] .o_attachment[title^='Tour monthly sales'][title$='.pdf']",
        },
        {
            content: "and the spreadsheet",
            trigger: ".o_field_widget[name=attachment_ids] .o_attachment[title^='Tour monthly sales'][title$='.xlsx']",
        },
        {
            content: "It went to the manager",
            trigger: ".o_field_widget[name=recipient_ids] .o_tag:contains(Roberto Tour)",
        },
        {
            content: "and to marketing",
            trigger: ".o_field_widget[name=recipient_ids] .o_tag:contains(Marketing Tour)",
        },
        {
            content: "Back to the report",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The report counts its run: open the runs",
            trigger: ".o_action_manager button[name=action_open_runs]:has(.o_stat_value:contains(1))",
            timeout: SERVER_TIMEOUT,
            run: "click",
        },
        {
            content: "The run is listed",
            trigger: ".o_list_view .o_data_row:only:contains(Tour monthly sales)",
            timeout: SERVER_TIMEOUT,
        },
        ...openMenu("bo_reporting.bo_reports_menu", "bo_reporting.bo_sales_analysis_menu"),
        {
            content: "Sales by agent, as a pivot table",
            trigger: ".o_pivot_view .o_pivot table:contains(Agente Report Tour)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Show it as a graph",
            trigger: ".o_control_panel .o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});
