/** @odoo-module **/
// A clerk uploads an agent's spreadsheet on a new import (from the home page),
// checks it, reads its problems, imports the valid orders and opens one of them.
import { registry } from "@web/core/registry";
import { uploadSteps } from "./bo_order_import_upload_tour";

// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

registry.category("web_tour.tours").add("bo_sales_order_import_tour", {
    steps: () => [
        ...uploadSteps("ordini_agente_tour"),
        {
            content: "The import holds the agent's file, not checked yet",
            trigger: ".o_form_view .o_field_widget[name=state] .o_arrow_button_current[data-value=draft]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Check the file",
            trigger: ".o_form_view button[name=action_check]",
            run: "click",
        },
        {
            content: "The file is checked",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=checked]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "The preview announces two orders",
            trigger: ".o_field_widget[name=planned_order_count]:contains(2)",
        },
        {
            content: "The error banner counts one error",
            trigger: "div[name=error_alert] .o_field_widget[name=error_count]:contains(1)",
        },
        {
            content: "Open the problems",
            trigger: ".o_notebook a[name=bo_import_problems]",
            run: "click",
        },
        {
            content: "The unknown product is reported with its row",
            trigger: ".o_field_widget[name=issue_ids] .o_data_row:contains(TOUR-NOPE):contains(5)",
        },
        {
            content: "Import the valid orders only",
            trigger: ".o_field_widget[name=import_valid_only] input",
            run: "check",
        },
        {
            content: "Import the orders",
            trigger: ".o_form_view button[name=action_import]",
            run: "click",
        },
        {
            content: "The clerk lands on the two orders created",
            trigger:
                ".o_list_view .o_list_renderer:has(.o_data_row:eq(1)):not(:has(.o_data_row:eq(2)))",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Open the order of the first customer",
            trigger: ".o_list_view .o_data_row:contains(Ferramenta Tour Uno) td.o_data_cell",
            run: "click",
        },
        {
            content: "The order comes from the import, with its two lines",
            trigger:
                ".o_form_view:has(.o_field_widget[name=bo_import_id]) .o_field_widget[name=order_line] .o_data_row:contains(TOUR-GLOVE)",
        },
        {
            content: "The first line is there too",
            trigger: ".o_field_widget[name=order_line] .o_data_row:contains(TOUR-DRILL)",
        },
    ],
});
