/** @odoo-module **/
// A clerk keys in a customer's order from the home page; the checks block it
// on save (the customer wants its own order reference on every order). She
// reads why in the Checks tab, types the missing reference, saves (the order
// is checked again and no longer blocked), runs the checks once more and
// confirms. Only the master data (customer, product) is there beforehand.
import { registry } from "@web/core/registry";
import {
    SERVER_TIMEOUT,
    addOrderLine,
    clickHeaderButton,
    createRecord,
    fillMany2one,
    openAppMenu,
    saveForm,
    statusIs,
} from "@bo_sales/../tests/tours/bo_tour_utils";

registry.category("web_tour.tours").add("bo_sales_blocked_order_tour", {
    steps: () => [
        ...openAppMenu("bo_sales.bo_orders_menu", "bo_sales.bo_orders_to_check_menu"),
        ...createRecord(),
        ...fillMany2one("partner_id", "Ferramenta Tour Tre"),
        ...addOrderLine("Trapano Tour", "2"),
        ...saveForm(),
        {
            content: "Saved: the checks block the order",
            trigger: ".o_form_view div[name=bo_check_banner_blocked]",
            timeout: SERVER_TIMEOUT,
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
        ...saveForm(),
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
        ...clickHeaderButton("action_confirm", "Confirm the order"),
        ...statusIs("sale", { content: "The order is confirmed" }),
    ],
});
