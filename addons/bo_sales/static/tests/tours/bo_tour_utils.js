/** @odoo-module **/
// Steps the suite's tours share: what a clerk does in any flow, from the home
// page to a saved record. Each function returns an array of tour steps, to
// spread into a tour's `steps`. Elements are found by menu xml ids and field
// and button names, never by translated labels: the tours run in Italian.
import { download } from "@web/core/network/download";

// Steps waiting for the first page or a server action: slower on a busy machine.
export const SERVER_TIMEOUT = 30000;

/**
 * From the home page (whatever app the user lands on), open an app through
 * the apps menu of the navigation bar.
 */
export function openApp(appXmlid = "bo_sales.bo_root_menu") {
    return [
        {
            content: "The web client is loaded: open the apps menu",
            trigger: ".o_main_navbar .o_navbar_apps_menu button:enabled",
            timeout: SERVER_TIMEOUT,
            run: "click",
        },
        {
            content: `Open the app ${appXmlid}`,
            trigger: `.dropdown-item.o_app[data-menu-xmlid='${appXmlid}']`,
            run: "click",
        },
        {
            content: "The app is open",
            trigger: `.o_main_navbar .o_menu_brand[data-menu-xmlid='${appXmlid}']`,
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/** Open a menu of the current app's navigation bar: its section, then the item. */
export function openMenu(sectionXmlid, menuXmlid) {
    return [
        {
            content: `Open the menu section ${sectionXmlid}`,
            trigger: `.o_main_navbar .o_menu_sections [data-menu-xmlid='${sectionXmlid}']`,
            run: "click",
        },
        {
            content: `Open the menu ${menuXmlid}`,
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            async run(helpers) {
                // NOTE: the page on screen (e.g. the app's first list) is marked,
                // so the next step waits for the menu's own page: on a busy
                // machine a "New" clicked too early would land on the old one.
                for (const page of document.querySelectorAll(".o_action_manager > .o_action")) {
                    page.dataset.boTourLeft = "1";
                }
                await helpers.click();
            },
        },
        {
            content: `The page of ${menuXmlid} is open`,
            trigger: ".o_action_manager > .o_action:not([data-bo-tour-left]) .o_control_panel",
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/** The home page, the app, then a menu: how every tour of a clerk begins. */
export function openAppMenu(sectionXmlid, menuXmlid, appXmlid = "bo_sales.bo_root_menu") {
    return [...openApp(appXmlid), ...openMenu(sectionXmlid, menuXmlid)];
}

/** Click the "New" button of the list (or kanban) the menu opened. */
export function createRecord() {
    return [
        {
            content: "New record",
            trigger: ".o_control_panel .o_list_button_add:enabled, .o_control_panel .o-kanban-button-new:enabled",
            timeout: SERVER_TIMEOUT,
            run: "click",
        },
        {
            content: "The empty form opens",
            trigger: ".o_form_view .o_form_editable",
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/** Type ``text`` in a relational field's autocomplete and pick ``pick`` among the suggestions. */
function typeAndPick(fieldName, text, pick, scope) {
    return [
        {
            content: `Type "${text}" in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick "${pick}" among the suggestions`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${pick})`,
            run: "click",
        },
    ];
}

/**
 * Type ``text`` in a many2one input and pick the suggestion holding ``pick``
 * (the text by default), as a person does with the autocomplete.
 * ``scope`` narrows the input (e.g. ".modal" or ".o_selected_row").
 */
export function fillMany2one(fieldName, text, { pick = text, scope = ".o_form_view" } = {}) {
    return [
        ...typeAndPick(fieldName, text, pick, scope),
        {
            content: `${fieldName} holds "${pick}"`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input:value(${pick})`,
        },
    ];
}

/** Add a tag to a many2many_tags field through its autocomplete. */
export function addMany2manyTag(fieldName, text, { pick = text, scope = ".o_form_view" } = {}) {
    return [
        ...typeAndPick(fieldName, text, pick, scope),
        {
            content: `${fieldName} shows the tag "${pick}"`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] .o_tag:contains(${pick})`,
        },
    ];
}

/** Type ``value`` in a plain input field (char, integer, float, date) of the form. */
export function fillField(fieldName, value, { scope = ".o_form_view" } = {}) {
    return [
        {
            content: `Type "${value}" in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${value}`,
        },
    ];
}

/** Choose an option of a selection field by its technical value. */
export function selectOption(fieldName, value, { scope = ".o_form_view" } = {}) {
    return [
        {
            content: `Choose ${value} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] select`,
            run: `select "${value}"`,
        },
    ];
}

/**
 * Add a line to a sale order: "Add a product", the product through its
 * autocomplete, then the quantity.
 */
export function addOrderLine(productText, quantity, { pick = productText } = {}) {
    return [
        {
            content: "Add a product line",
            trigger: ".o_field_widget[name=order_line] .o_field_x2many_list_row_add > a",
            run: "click",
        },
        {
            content: `Type "${productText}" as the product`,
            trigger:
                ".o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input, .o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_id] input",
            run: `edit ${productText}`,
        },
        {
            content: `Pick "${pick}"`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${pick})`,
            run: "click",
        },
        {
            content: "The line holds the product",
            trigger: [
                `.o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_template_id] input:value(${pick})`,
                `.o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_id] input:value(${pick})`,
            ].join(", "),
        },
        {
            content: `Order ${quantity}`,
            trigger:
                ".o_field_widget[name=order_line] .o_selected_row .o_field_widget[name=product_uom_qty] input",
            run: `edit ${quantity}`,
        },
        {
            content: "Leave the line: the order lists it",
            trigger: ".o_form_view .o_form_sheet_bg",
            run: "click",
        },
        {
            content: "The order lists the product",
            trigger: `.o_field_widget[name=order_line] .o_data_row:not(.o_selected_row):contains(${pick})`,
        },
    ];
}

/** Save the form and wait until the server has it. */
export function saveForm() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/** Click a button of the form's header (status bar) by its name. */
export function clickHeaderButton(buttonName, content = `Click ${buttonName}`) {
    return [
        {
            content,
            trigger: `.o_form_view .o_statusbar_buttons button[name=${buttonName}]:enabled`,
            run: "click",
        },
    ];
}

/** Wait until the form's status bar shows ``state`` (its technical value). */
export function statusIs(state, { fieldName = "state", content = `The state is ${state}` } = {}) {
    return [
        {
            content,
            trigger: `.o_form_view .o_field_widget[name=${fieldName}] .o_arrow_button_current[data-value=${state}]`,
            timeout: SERVER_TIMEOUT,
        },
    ];
}

/**
 * Click a button that downloads a report and record, on the body, the URL and
 * file name of the download (data-bo-tour-download), so a later step can check
 * what the browser received. Odoo's own download runs unchanged.
 */
export function clickAndRecordDownload(trigger, content = "Print") {
    return [
        {
            content,
            trigger,
            async run(helpers) {
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
    ];
}
