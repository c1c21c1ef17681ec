# Copyright 2026 bo-suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The key that lets the order check engine write what it alone may write.

Check states, findings and overrides are written by the engine and by the
manager's override action only. Both put ``ENGINE`` in the context of the
environment they write with; a client cannot forge it, since the contexts sent
over RPC hold JSON values only and ``ENGINE`` is a Python object compared by
identity.
"""

ENGINE_KEY = "bo_check_engine"
ENGINE = object()


def is_engine(env):
    """True when ``env`` belongs to the check engine (never for an RPC call)."""
    return env.context.get(ENGINE_KEY) is ENGINE


def as_engine(records):
    """``records`` in an environment allowed to write the engine's fields."""
    return records.with_context(**{ENGINE_KEY: ENGINE})
