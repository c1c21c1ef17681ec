/** @odoo-module **/
// A clerk finds a blocked quotation in "Orders to Check", reads why it is
// blocked, sets the missing customer reference, runs the checks again and
// confirms the order.
import { registry } from "@web/core/registry";

// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

registry.category("web_tour.tours").add("bo_sales_blocked_order_tour", {
    steps: () => [
        {
            content: "The worklist of quotations to check is open",
            trigger: ".o_list_view .o_group_header",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Look for the customer's orders",
            trigger: ".o_searchview_input",
            run: "edit Ferramenta Tour Tre",
        },
        {
            content: "Search",
            trigger: ".o_searchview_autocomplete .o_menu_item:first",
            run: "click",
        },
        {
            content: "The customer's order is in one check state",
            trigger: ".o_searchview_facet:contains(Ferramenta Tour Tre)",
        },
        {
            content: "Open the check state's group",
            trigger: ".o_list_view .o_group_header:only:not(.o_group_open)",
            run: "click",
        },
        {
            content: "Open the check rule's group",
            trigger: ".o_list_view .o_group_header.o_group_open ~ .o_group_header:not(.o_group_open)",
            run: "click",
        },
        {
            content: "Open the blocked order",
            trigger: ".o_list_view .o_data_row:contains(Ferramenta Tour Tre) td.o_data_cell",
            run: "click",
        },
        {
            content: "The order says it is blocked by the checks",
            trigger: ".o_form_view div[name=bo_check_banner_blocked]",
        },
        {
            content: "Read the findings",
            trigger: ".o_notebook a[name=bo_checks]",
            run: "click",
        },
        {
            content: "The customer wants its own order reference",
            trigger: ".o_field_widget[name=bo_check_finding_ids] .o_data_row:contains(Ferramenta Tour Tre)",
        },
        {
            content: "Go to the other information of the order",
            trigger: ".o_notebook a[name=other_information]",
            run: "click",
        },
        {
            content: "Type the customer's order reference",
            trigger: ".o_field_widget[name=client_order_ref] input",
            run: "edit PO-4711",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved: the order is checked again and no longer blocked",
            trigger: ".o_form_view .o_form_saved:not(:has(div[name=bo_check_banner_blocked]))",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Run the checks once more",
            trigger: ".o_form_view button[name=action_bo_check]",
            run: "click",
        },
        {
            content: "Still not blocked",
            trigger: ".o_form_view .o_form_saved:not(:has(div[name=bo_check_banner_blocked])) .o_field_widget[name=client_order_ref] input:value(PO-4711)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Confirm the order",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=sale]",
            timeout: SERVER_TIMEOUT,
        },
    ],
});
