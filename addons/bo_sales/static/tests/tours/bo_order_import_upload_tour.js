/** @odoo-module **/
// A clerk opens Back Office > Orders > Import Orders from the home page, clicks
// New, picks an agent's spreadsheet in the form's file input, checks it,
// imports it and reads the lines of the order created.
// The test puts the file (name, type, base64 content) in the session storage
// under FILE_KEY before starting the tour: it stands for the file on the
// clerk's disk, and reaches the server only through the form's upload.
import { registry } from "@web/core/registry";

const FILE_KEY = "bo_sales_order_upload_file";
// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

/**
 * From the home page to a new import holding the file of the session storage.
 * @param {string} fileLabel part of the file's name, shown once it is picked
 */
export function uploadSteps(fileLabel = "ordini_agente_upload") {
    return [
        {
            content: "Open the apps menu from the home page",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Open the Back Office app",
            trigger: '.o_app[data-menu-xmlid="bo_sales.bo_root_menu"]',
            run: "click",
        },
        {
            content: "Open the Orders menu",
            trigger: '.o_menu_sections [data-menu-xmlid="bo_sales.bo_orders_menu"]',
            run: "click",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Open Import Orders",
            trigger: '.o-dropdown--menu [data-menu-xmlid="bo_sales.bo_order_import_menu"]',
            run: "click",
        },
        {
            content: "The list of imports is open (not the app's first list)",
            trigger: ".o_list_view .o_list_table th[data-name=row_count]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Start a new import",
            trigger: ".o_list_view .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "The form offers to upload the spreadsheet",
            trigger: ".o_form_view .o_field_widget[name=file_data] .o_select_file_button",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Pick the agent's spreadsheet in the file input",
            trigger: ".o_form_view .o_field_widget[name=file_data] input[type=file]:not(:visible)",
            async run() {
                const file = JSON.parse(sessionStorage.getItem(FILE_KEY));
                const blob = await (await fetch(`data:${file.type};base64,${file.data}`)).blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], file.name, { type: file.type }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The form shows the name of the file picked",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${fileLabel})`,
        },
    ];
}

/** Import the checked file's one order and open it from the list the clerk lands on. */
function importAndOpenOrder() {
    return [
        {
            content: "Import the order",
            trigger: ".o_form_view button[name=action_import]",
            run: "click",
        },
        {
            content: "The clerk lands on the one order created",
            trigger: ".o_list_view .o_list_renderer:has(.o_data_row):not(:has(.o_data_row:eq(1)))",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Open the order",
            trigger: ".o_list_view .o_data_row:contains(Ferramenta Upload) td.o_data_cell",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("bo_sales_order_import_upload_tour", {
    steps: () => [
        ...uploadSteps(),
        {
            content: "Check the file (the form saves the upload first)",
            trigger: ".o_form_view button[name=action_check]",
            run: "click",
        },
        {
            content: "The file is checked",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=checked]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "No error is found",
            trigger: ".o_form_view:not(:has(div[name=error_alert]))",
        },
        {
            content: "The check announces one order",
            trigger: ".o_field_widget[name=planned_order_count]:contains(1)",
        },
        ...importAndOpenOrder(),
        {
            content: "The drill line has the quantity and price of the file",
            timeout: SERVER_TIMEOUT,
            trigger:
                ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(UPL-DRILL):has(td[name=product_uom_qty]:contains(3,00)):has(td[name=price_unit]:contains(95,50))",
        },
        {
            content: "The gloves line too",
            trigger:
                ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(UPL-GLOVE):has(td[name=product_uom_qty]:contains(24,00)):has(td[name=price_unit]:contains(4,25))",
        },
    ],
});

// An English file whose date 12/07/2027 reads two ways: the check asks the
// clerk, who chooses "day first", checks again and imports.
registry.category("web_tour.tours").add("bo_sales_order_import_question_tour", {
    steps: () => [
        ...uploadSteps(),
        {
            content: "Check the file",
            trigger: ".o_form_view button[name=action_check]",
            run: "click",
        },
        {
            content: "The check asks how the file writes its dates",
            trigger: ".o_form_view div[name=question_alert]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Open the problems",
            trigger: ".o_notebook a[name=bo_import_problems]",
            run: "click",
        },
        {
            content: "The problems name the row and both readings",
            trigger:
                ".o_field_widget[name=issue_ids] .o_data_row:contains(12/07/2027):contains(2027-07-12):contains(2027-12-07)",
        },
        {
            content: "Nothing is planned until the clerk answers",
            trigger: ".o_field_widget[name=planned_order_count]:contains(0)",
        },
        {
            content: "The dates of this file are day first",
            trigger: ".o_form_view .o_field_widget[name=date_order] input[data-value=dmy]",
            run: "click",
        },
        {
            content: "Check the file again",
            trigger: ".o_form_view button[name=action_check]:not(.btn-primary)",
            run: "click",
        },
        {
            content: "No question is left",
            trigger: ".o_form_view:not(:has(div[name=question_alert])) .o_field_widget[name=planned_order_count]:contains(1)",
            timeout: SERVER_TIMEOUT,
        },
        ...importAndOpenOrder(),
        {
            content: "1,500 is fifteen hundred in this English file",
            timeout: SERVER_TIMEOUT,
            trigger:
                ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains(UPL-DRILL):has(td[name=product_uom_qty]:contains(1.500,00))",
        },
    ],
});
