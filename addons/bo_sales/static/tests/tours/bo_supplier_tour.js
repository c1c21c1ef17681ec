/** @odoo-module **/
// A clerk opens Back Office > Suppliers > Import Candidates from the home page,
// picks the candidates file in the form's file input, checks it (a wrong row and
// a known supplier among them), imports the valid rows, opens a new candidate,
// starts its evaluation, adds its DURC (with the file) and its chamber of
// commerce extract, and qualifies it.
// The test puts the two files (name, type, base64 content) in the session
// storage before starting the tour: they stand for the files on the clerk's
// disk, and reach the server only through the forms' uploads.
import { registry } from "@web/core/registry";

import {
    SERVER_TIMEOUT,
    clickHeaderButton,
    createRecord,
    fillField,
    fillMany2one,
    openAppMenu,
    statusIs,
} from "./bo_tour_utils";

const CANDIDATES_KEY = "bo_sales_supplier_candidates_file";
const DURC_KEY = "bo_sales_supplier_durc_file";
// The suppliers' list (the import's rows are a list too).
const SUPPLIERS_LIST = ".o_list_view:has(th[data-name=bo_supplier_state])";

/** Pick the file stored under ``key`` in the file input of ``scope``'s field. */
function pickFile(fieldName, key, scope) {
    return [
        {
            content: `Pick the file in the input of ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input[type=file]:not(:visible)`,
            async run() {
                const file = JSON.parse(sessionStorage.getItem(key));
                const blob = await (await fetch(`data:${file.type};base64,${file.data}`)).blob();
                const transfer = new DataTransfer();
                transfer.items.add(new File([blob], file.name, { type: file.type }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
    ];
}

/** Add a document to the supplier open in the form, through its dialog. */
function addDocument(typeText, number, issued, { fileKey = null, fileName = "" } = {}) {
    return [
        {
            content: "Add a document",
            trigger: ".o_form_view button[name=action_bo_supplier_add_document]",
            run: "click",
        },
        {
            content: "The document's dialog opens",
            trigger: ".modal .o_form_view .o_field_widget[name=document_type_id] input",
            timeout: SERVER_TIMEOUT,
        },
        ...fillMany2one("document_type_id", typeText, { scope: ".modal" }),
        ...fillField("number", number, { scope: ".modal" }),
        ...fillField("date_issue", issued, { scope: ".modal" }),
        {
            content: "The expiry date follows from the type's validity",
            trigger: ".modal .o_field_widget[name=date_expiry] input:not(:value(''))",
        },
        ...(fileKey
            ? [
                  ...pickFile("attachment", fileKey, ".modal"),
                  {
                      content: "The dialog shows the file picked",
                      trigger: `.modal .o_field_widget[name=attachment] input:value(${fileName})`,
                  },
              ]
            : []),
        {
            content: "Save the document",
            trigger: ".modal .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "The supplier lists the document",
            trigger: `.o_action_manager .o_form_view .o_field_widget[name=bo_supplier_document_ids] .o_data_row:contains(${number})`,
            timeout: SERVER_TIMEOUT,
        },
    ];
}

registry.category("web_tour.tours").add("bo_sales_supplier_tour", {
    steps: () => {
        const today = luxon.DateTime.now().toFormat("dd/MM/yyyy");
        return [
            ...openAppMenu("bo_sales.bo_suppliers_menu", "bo_sales.bo_supplier_candidate_import_menu"),
            ...createRecord(),
            ...pickFile("file_data", CANDIDATES_KEY, ".o_form_view"),
            {
                content: "The form shows the name of the file picked",
                trigger: ".o_form_view .o_field_widget[name=name]:contains(fornitori_candidati)",
            },
            {
                content: "Check the file (the form saves the upload first)",
                trigger: ".o_form_view button[name=action_check]",
                run: "click",
            },
            ...statusIs("checked", { content: "The file is checked" }),
            {
                content: "The wrong VAT number stops the import as it is",
                trigger: ".o_form_view div[name=error_alert]",
            },
            {
                content: "Open the rows of the file",
                trigger: ".o_notebook a[name=bo_candidate_import_rows]",
                run: "click",
            },
            {
                content: "The row with the wrong VAT number is in red",
                trigger: ".o_field_widget[name=line_ids] .o_data_row.text-danger:contains(Metalli Bolognesi):contains(IT01234567891)",
            },
            {
                content: "The known supplier is found by its VAT number: an update",
                trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Acciaierie Lombarde S.p.A.)",
            },
            {
                content: "Import the valid rows only",
                trigger: ".o_form_view .o_field_widget[name=import_valid_only] input",
                run: "click",
            },
            {
                content: "Import the candidates",
                trigger: ".o_form_view button[name=action_import]",
                run: "click",
            },
            {
                content: "The clerk lands on the suppliers imported",
                trigger: `${SUPPLIERS_LIST} .o_data_row:contains(Bulloneria Bergamasca)`,
                timeout: SERVER_TIMEOUT,
            },
            {
                content: "Open the new candidate",
                trigger: `${SUPPLIERS_LIST} .o_data_row:contains(Bulloneria Bergamasca) td.o_data_cell`,
                run: "click",
            },
            ...statusIs("candidate", {
                fieldName: "bo_supplier_state",
                content: "The new supplier is a candidate",
            }),
            ...clickHeaderButton("action_bo_supplier_start_evaluation", "Start the evaluation"),
            ...statusIs("evaluation", {
                fieldName: "bo_supplier_state",
                content: "The supplier is under evaluation",
            }),
            {
                content: "Open the supplier register tab",
                trigger: ".o_notebook a[name=bo_supplier_register]",
                run: "click",
            },
            ...addDocument("DURC", "INPS_41600123", today, {
                fileKey: DURC_KEY,
                fileName: "durc_bulloneria_bergamasca.pdf",
            }),
            ...addDocument("Visura", "CCIAA-BG-0455031", today),
            ...clickHeaderButton("action_bo_supplier_qualify", "Qualify the supplier"),
            ...statusIs("qualified", {
                fieldName: "bo_supplier_state",
                content: "The supplier is qualified",
            }),
        ];
    },
});
