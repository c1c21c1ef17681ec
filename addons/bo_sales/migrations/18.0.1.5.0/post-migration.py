# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Imported files on the import only (18.0.1.5.0).

Earlier versions attached the whole imported file to every order it made, so
whoever could read one order read every customer's rows. The copies on the
orders (same content as the import's own file) are removed; the import keeps
its file. Odoo's file-store cleaning drops the stored files no longer used.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_attachment copy
              USING sale_order so, ir_attachment source
              WHERE copy.res_model = 'sale.order'
                AND copy.res_id = so.id
                AND so.bo_import_id IS NOT NULL
                AND source.res_model = 'bo.order.import'
                AND source.res_field = 'file_data'
                AND source.res_id = so.bo_import_id
                AND copy.checksum = source.checksum
        """
    )
    _logger.info("Imported files removed from %s orders (kept on their imports)", cr.rowcount)
