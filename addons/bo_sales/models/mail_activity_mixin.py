# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailActivityMixin(models.AbstractModel):
    _inherit = "mail.activity.mixin"

    def _bo_activity_schedule_once(
        self, activity_type, user, summary, date_deadline, unlink_on=None
    ):
        """Give each of these records one open activity of ``activity_type``,
        never a second one: a record that has one already is left as it is.

        ``activity_schedule`` for jobs that run again and again: in one batch,
        with the values of each record, and in the assignee's language.

        :param user: ``user(record)``, the assignee (none: the record gets no
            activity)
        :param summary: ``summary(record, env)``, the summary written with
            ``env``, an environment in the assignee's language
        :param date_deadline: the deadline, or ``date_deadline(record)``
        :param unlink_on: records of the same model whose activity of this
            type goes away, its reason gone (found with the others' in the
            same query)
        :return: the activities created
        """
        Activity = self.env["mail.activity"]
        records = self | unlink_on if unlink_on else self
        if not records:
            return Activity
        existing = Activity.search_fetch(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ],
            ["res_id"],
        )
        has_activity = set(existing.mapped("res_id"))
        if unlink_on:
            gone = set(unlink_on.ids)
            existing.filtered(lambda activity: activity.res_id in gone).unlink()
        model_id = self.env["ir.model"]._get_id(self._name)
        envs = {}
        vals_list = []
        for record in self:
            assignee = user(record)
            if record.id in has_activity or not assignee:
                continue
            if assignee.lang not in envs:
                envs[assignee.lang] = self.with_context(lang=assignee.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "user_id": assignee.id,
                    "date_deadline": (
                        date_deadline(record) if callable(date_deadline) else date_deadline
                    ),
                    "summary": summary(record, envs[assignee.lang]),
                }
            )
        return Activity.create(vals_list)
