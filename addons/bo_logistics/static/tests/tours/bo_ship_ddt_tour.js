/** @odoo-module **/
// A clerk ships a delivery: compares the couriers and picks the express one,
// validates the transfer, creates and validates its DDT, then prints it.
import { registry } from "@web/core/registry";
import { download } from "@web/core/network/download";

// Steps waiting for the first page or a server action: slower on a busy machine.
const SERVER_TIMEOUT = 30000;

registry.category("web_tour.tours").add("bo_logistics_ship_ddt_tour", {
    steps: () => [
        {
            content: "The delivery is ready",
            trigger: ".o_form_view .o_field_widget[name=state] .o_arrow_button_current[data-value=assigned]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Compare the couriers that can take it",
            trigger: ".o_form_view button[name=action_bo_open_courier_choice]",
            run: "click",
        },
        {
            content: "The express service of the fast courier is among the alternatives",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Fast Tour Courier):contains(Express)",
        },
        {
            content: "Choose it",
            trigger: ".modal .o_data_row:contains(Fast Tour Courier):contains(Express) button[name=action_select]",
            run: "click",
        },
        {
            content: "Back on the delivery",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook a[name=bo_shipment]",
            run: "click",
        },
        {
            content: "The delivery goes with the chosen service",
            trigger: ".o_field_widget[name=bo_service_id] input:value(Express)",
        },
        {
            content: "Validate the delivery",
            trigger: ".o_form_view .o_statusbar_buttons button[name=button_validate]",
            run: "click",
        },
        {
            content: "The goods are shipped",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current[data-value=done]",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Create the transport document",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_bo_create_transport_document]",
            run: "click",
        },
        {
            content: "The draft DDT names the courier and lists the goods",
            trigger: ".o_form_view:has(.o_field_widget[name=carrier_id] input:value(Fast Tour Courier)) .o_field_widget[name=line_ids] .o_data_row:contains(Carrello Tour)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Validate the DDT",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_validate]",
            run: "click",
        },
        {
            content: "The DDT has its number",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(DDT)",
            timeout: SERVER_TIMEOUT,
        },
        {
            content: "Print the DDT",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_bo_print]",
            async run(helpers) {
                // Record the download the print triggers (its file name comes from
                // the server's answer), then restore Odoo's own download.
                const original = download._download;
                download._download = async (options) => {
                    try {
                        const filename = await original(options);
                        document.body.dataset.boTourDownload = `${options.url} ${filename}`;
                        return filename;
                    } finally {
                        download._download = original;
                    }
                };
                await helpers.click();
            },
        },
        {
            content: "The report was downloaded as the DDT's file",
            trigger: "body[data-bo-tour-download^='/report/download DDT ']",
            timeout: SERVER_TIMEOUT,
        },
    ],
});
