/** @odoo-module **/
// Two people, in Italian, from the home page:
// - a clerk keys in an order below a product's floor price and reads the
//   findings in Italian, with Italian numbers;
// - a manager keys in an order blocked by a missing customer reference, opens
//   the override dialog, reads there the findings it will override, and
//   overrides them with a reason.
import { registry } from "@web/core/registry";

// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

function newOrder(customer, product, price) {
    return [
        {
            content: "At login the Back Office is the open app",
            trigger: '.o_main_navbar .o_menu_brand[data-menu-xmlid="bo_sales.bo_root_menu"]',
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "On the worklist of orders to check (grouped by check state)",
            trigger: ".o_action_manager .o_list_view .o_group_header",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "New order",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the customer",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: `edit ${customer}`,
        },
        {
            content: "Pick the customer",
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${customer})`,
            run: "click",
        },
        {
            content: "Add a product line",
            trigger: ".o_field_widget[name=order_line] .o_field_x2many_list_row_add a:first",
            run: "click",
        },
        {
            content: "Type the product",
            trigger: ".o_field_widget[name=order_line] .o_selected_row div[name=product_template_id] input",
            run: `edit ${product}`,
        },
        {
            content: "Pick the product",
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${product})`,
            run: "click",
        },
        {
            content: "The line has the product's price, in the clerk's number format",
            trigger: `.o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=price_unit] input:value(${price})`,
        },
        {
            content: "Save the order",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved and checked: the order is blocked",
            trigger: ".o_form_view .o_form_saved div[name=bo_check_banner_blocked]",
            timeout: SERVER_TIMEOUT,
        },
    ];
}

registry.category("web_tour.tours").add("bo_sales_italian_findings_tour", {
    steps: () => [
        ...newOrder("Ferramenta Tour Uno", "Trapano Minimo Tour", "141,75"),
        {
            content: "Read the findings",
            trigger: ".o_notebook a[name=bo_checks]",
            run: "click",
        },
        {
            content: "The floor price finding is in Italian, with Italian numbers",
            trigger:
                ".o_field_widget[name=bo_check_finding_ids] .o_data_row" +
                ":contains(Il prezzo netto):contains(141,75)" +
                ":contains(è inferiore al prezzo minimo):contains(150,00)",
        },
        {
            content: "No English finding",
            trigger:
                ".o_field_widget[name=bo_check_finding_ids]:not(:has(.o_data_row:contains(is below)))",
        },
    ],
});

registry.category("web_tour.tours").add("bo_sales_override_dialog_tour", {
    steps: () => [
        ...newOrder("Ferramenta Tour Tre", "Trapano Tour", "120,00"),
        {
            content: "Override the checks",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_bo_override]",
            run: "click",
        },
        {
            content: "Before anything is confirmed, the dialog lists the blocking finding",
            trigger:
                ".modal .o_field_widget[name=finding_ids] .o_data_row" +
                ":contains(Ferramenta Tour Tre):contains(richiede il proprio riferimento)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Riferimento confermato al telefono",
        },
        {
            content: "Override",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "The order says who overrode the checks and why",
            trigger:
                ".o_form_view:not(:has(.modal)) div[name=bo_check_banner_overridden]" +
                ":contains(Riferimento confermato al telefono)",
            timeout: SERVER_TIMEOUT,
        },
    ],
});
