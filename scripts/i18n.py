"""Export the translatable terms of the suite's addons and merge them into
each addon's i18n/<addon>.pot and i18n/it.po, keeping the translations already
there (new terms get an empty msgstr to fill in; terms gone are dropped).

Usage (through `make i18n`): python i18n.py ODOO_CONF DBNAME ADDON [ADDON...]
The database must have the addons installed and up to date.
"""

import io
import os
import sys

import polib

import odoo
from odoo.tools.translate import trans_export

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def export_pot(cr, addon):
    buf = io.BytesIO()
    trans_export(False, [addon], buf, "po", cr)
    return buf.getvalue().decode()


def main(conf, dbname, addons):
    odoo.tools.config.parse_config(["-c", conf, "-d", dbname])
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        for addon in addons:
            i18n_dir = os.path.join(ROOT, "addons", addon, "i18n")
            os.makedirs(i18n_dir, exist_ok=True)
            pot_text = export_pot(cr, addon)
            with open(os.path.join(i18n_dir, f"{addon}.pot"), "w", encoding="utf-8") as fh:
                fh.write(pot_text)
            pot = polib.pofile(pot_text)
            it_path = os.path.join(i18n_dir, "it.po")
            if os.path.exists(it_path):
                po = polib.pofile(it_path)
            else:
                po = polib.POFile()
                po.metadata = dict(pot.metadata)
            po.metadata.update(
                {
                    "Language": "it",
                    "Content-Type": "text/plain; charset=UTF-8",
                    "Plural-Forms": "nplurals=2; plural=(n != 1);",
                }
            )
            po.merge(pot)
            # polib keeps vanished terms as obsolete entries: drop them.
            for entry in [e for e in po if e.obsolete]:
                po.remove(entry)
            po.save(it_path)
            missing = [e.msgid for e in po if not e.msgstr and not e.msgstr_plural]
            print(f"{addon}: {len(po)} terms, {len(missing)} without Italian translation")
            for msgid in missing:
                print(f"   missing: {msgid[:100]!r}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
