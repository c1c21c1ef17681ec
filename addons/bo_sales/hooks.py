# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What Odoo cannot clean up by itself when the module is uninstalled."""


def keep_activities_as_todo(env, module):
    """Turn the pending activities of the module's activity types into To-Dos.

    Odoo deletes the module's records on uninstall, but an activity type still
    used by activities cannot be deleted (the database refuses), so it would stay
    behind with the module gone. The activities are the users' reminders (offers
    to follow up, late shipments...): they become plain To-Dos, keeping their
    user, deadline and note, with the type's summary when they had none.
    """
    type_ids = (
        env["ir.model.data"]
        .search([("module", "=", module), ("model", "=", "mail.activity.type")])
        .mapped("res_id")
    )
    activity_types = env["mail.activity.type"].with_context(active_test=False).browse(type_ids)
    activities = env["mail.activity"].search([("activity_type_id", "in", activity_types.ids)])
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    if not activities:
        return
    if not todo:
        activities.unlink()
        return
    for activity_type in activities.activity_type_id:
        activities.filtered(
            lambda a, t=activity_type: a.activity_type_id == t and not a.summary
        ).summary = activity_type.summary or activity_type.name
    activities.activity_type_id = todo


def uninstall_hook(env):
    keep_activities_as_todo(env, "bo_sales")
