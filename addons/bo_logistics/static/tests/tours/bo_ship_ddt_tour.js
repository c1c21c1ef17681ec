/** @odoo-module **/
// A clerk keys in a customer's order, confirms it, then ships it: from the
// order to its delivery, compares the couriers and picks the express one,
// validates the transfer, creates and validates its DDT, then prints it.
// Everything starts from the home page; only the master data (customer,
// product, couriers) is there beforehand (tests/test_tours.py).
import { registry } from "@web/core/registry";
import {
    SERVER_TIMEOUT,
    addOrderLine,
    clickAndRecordDownload,
    clickHeaderButton,
    createRecord,
    fillMany2one,
    openAppMenu,
    saveForm,
    statusIs,
} from "@bo_sales/../tests/tours/bo_tour_utils";

registry.category("web_tour.tours").add("bo_logistics_ship_ddt_tour", {
    steps: () => [
        ...openAppMenu("bo_sales.bo_orders_menu", "bo_sales.bo_orders_to_check_menu"),
        ...createRecord(),
        ...fillMany2one("partner_id", "Magazzini Tour"),
        ...addOrderLine("Carrello Tour", "3"),
        ...addOrderLine("Scatola Tour", "2"),
        ...saveForm(),
        {
            content: "The order is checked on save and nothing blocks it",
            trigger: ".o_form_view:not(:has(div[name=bo_check_banner_blocked])) .o_form_saved",
        },
        ...clickHeaderButton("action_confirm", "Confirm the order"),
        ...statusIs("sale", { content: "The quotation is now a sales order" }),
        {
            content: "Open the order's delivery",
            trigger: ".o_action_manager button.oe_stat_button[name=action_view_delivery]",
            run: "click",
        },
        ...statusIs("assigned", { content: "The delivery is ready" }),
        {
            content: "The delivery carries the ordered goods",
            trigger: ".o_form_view .o_field_widget[name=move_ids_without_package]:has(.o_data_row:contains(Carrello Tour)) .o_data_row:contains(Scatola Tour)",
        },
        ...clickHeaderButton("action_bo_open_courier_choice", "Compare the couriers that can take it"),
        {
            content: "The express service of the fast courier is among the alternatives",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Fast Tour Courier):contains(Express)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Choose it",
            trigger: ".modal .o_data_row:contains(Fast Tour Courier):contains(Express) button[name=action_select]",
            run: "click",
        },
        {
            content: "Back on the delivery: open its shipment page",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook a[name=bo_shipment]",
            run: "click",
        },
        {
            content: "The delivery goes with the chosen service",
            trigger: ".o_field_widget[name=bo_service_id] input:value(Express)",
        },
        ...clickHeaderButton("button_validate", "Validate the delivery"),
        ...statusIs("done", { content: "The goods are shipped" }),
        ...clickHeaderButton("action_bo_create_transport_document", "Create the transport document"),
        {
            content: "The draft DDT names the courier and lists the goods",
            trigger: ".o_form_view:has(.o_field_widget[name=carrier_id] input:value(Fast Tour Courier)) .o_field_widget[name=line_ids]:has(.o_data_row:contains(Carrello Tour)) .o_data_row:contains(Scatola Tour)",
            timeout: SERVER_TIMEOUT,
        },
        ...clickHeaderButton("action_validate", "Validate the DDT"),
        {
            content: "The DDT has its number",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(DDT)",
            timeout: SERVER_TIMEOUT,
        },
        ...clickAndRecordDownload(
            ".o_form_view .o_statusbar_buttons button[name=action_bo_print]",
            "Print the DDT"
        ),
        {
            content: "The report was downloaded as the DDT's file",
            trigger: "body[data-bo-tour-download^='/report/download DDT ']",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Back to the delivery",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Its shipment page shows the DDT and the chosen service",
            trigger: ".o_form_view:has(.o_field_widget[name=bo_service_id] input:value(Express)) .o_field_widget[name=bo_transport_document_ids] .o_tag:contains(DDT)",
            timeout: SERVER_TIMEOUT,
        },
    ],
});
