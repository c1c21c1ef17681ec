/** @odoo-module **/
// A back-office manager produces a periodic report now, reads the run and its
// files, finds the run among the report's runs, then opens the sales analysis
// as a pivot table and as a graph.
import { registry } from "@web/core/registry";

// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

registry.category("web_tour.tours").add("bo_reporting_periodic_report_tour", {
    steps: () => [
        {
            content: "The periodic report has not run yet",
            trigger: ".o_form_view:has(button[name=action_open_runs] .o_stat_value:contains(0)) .o_field_widget[name=name] input:value(Tour monthly sales)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Generate it now",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_generate_now]",
            run: "click",
        },
        {
            content: "The run is produced and sent",
            trigger: ".o_form_view .o_field_widget[name=state] .o_arrow_button_current[data-value=done]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The run holds the PDF",
            trigger: ".o_field_widget[name=attachment_ids] .o_attachment[title^='Tour monthly sales'][title$='.pdf']",
        },
        {
            content: "and the spreadsheet",
            trigger: ".o_field_widget[name=attachment_ids] .o_attachment[title^='Tour monthly sales'][title$='.xlsx']",
        },
        {
            content: "Back to the report",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "The report counts its run: open the runs",
            trigger: ".o_form_view button[name=action_open_runs]:has(.o_stat_value:contains(1))",
            run: "click",
        },
        {
            content: "The run is listed",
            trigger: ".o_list_view .o_data_row:only:contains(Tour monthly sales)",
        },
        {
            content: "Open the reports menu",
            trigger: ".o_main_navbar [data-menu-xmlid='bo_reporting.bo_reports_menu']",
            run: "click",
        },
        {
            content: "Open the sales analysis",
            trigger: ".dropdown-item[data-menu-xmlid='bo_reporting.bo_sales_analysis_menu']",
            run: "click",
        },
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
