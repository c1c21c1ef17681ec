#!/usr/bin/env bash
# make setup: virtual environment, Python requirements, system tools, Odoo source
# check, PostgreSQL (a running server, else a project-local cluster), Odoo config.
# Safe to run again: every step checks before it acts.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

mkdir -p "$LOCAL_DIR/data" "$LOCAL_DIR/log"

# ---------------------------------------------------------------- system tools
# wkhtmltopdf prints Odoo's PDF reports; chromium runs the browser tests (tours);
# pdftoppm and tesseract let the tests read printed PDFs back as a person does
# (addons/bo_sales/tests/common_pdf.py says why); the -dev packages let pip
# build python-ldap and psycopg2 from their sdists.
missing_pkgs=()
command -v wkhtmltopdf >/dev/null 2>&1 || missing_pkgs+=(wkhtmltopdf)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || missing_pkgs+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing_pkgs+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || missing_pkgs+=(tesseract-ocr)
for lang in eng ita; do
    tesseract --list-langs 2>/dev/null | grep -qx "$lang" || missing_pkgs+=("tesseract-ocr-$lang")
done
command -v pg_config >/dev/null 2>&1 || missing_pkgs+=(libpq-dev)
command -v psql >/dev/null 2>&1 || missing_pkgs+=(postgresql-client)
[ -f /usr/include/ldap.h ] || missing_pkgs+=(libldap2-dev)
[ -f /usr/include/sasl/sasl.h ] || missing_pkgs+=(libsasl2-dev)
[ -f /usr/include/libxml2/libxml/parser.h ] || missing_pkgs+=(libxml2-dev libxslt1-dev)
fc-list 2>/dev/null | grep -qi dejavu || missing_pkgs+=(fonts-dejavu-core)
if [ ${#missing_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        info "Installing system packages: ${missing_pkgs[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" >/dev/null \
            || die "apt-get could not install: ${missing_pkgs[*]}"
    else
        die "Missing system packages: ${missing_pkgs[*]}. Install them (as root: apt-get install ${missing_pkgs[*]}) and run make setup again."
    fi
fi

# Odoo's PDF reports want wkhtmltopdf built on wkhtmltopdf's patched Qt (0.12.6.1
# from wkhtmltopdf.org, as Odoo's documentation says). The build most systems
# package prints no report header nor footer (company details, page numbers) and
# draws the text as outlines (PDFs that cannot be searched nor copied from).
# The tests pass with either; a client's server should have the patched one.
if ! wkhtmltopdf --version 2>/dev/null | grep -q "with patched qt"; then
    info "Note: $(wkhtmltopdf --version 2>/dev/null) is not built on patched Qt: PDF reports will lack their header and footer and have no text layer. For a client's server install wkhtmltopdf 0.12.6.1 (with patched qt) from https://wkhtmltopdf.org/downloads.html"
fi

# ------------------------------------------------------------------- Odoo tree
if [ ! -f "$ODOO_PATH/odoo/release.py" ]; then
    info "No Odoo tree at $ODOO_PATH: trying a shallow clone of Odoo 18.0"
    if ! timeout 900 git clone -q --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_PATH" 2>/dev/null; then
        die "No Odoo 18.0 source tree at ODOO_PATH=$ODOO_PATH and it could not be cloned from the network.
Provide one, then run make setup again:
  - a checkout of the 18.0 branch: git clone --depth 1 -b 18.0 https://github.com/odoo/odoo.git /opt/odoo18
  - or any Odoo 18.0 Community tree, and: export ODOO_PATH=/path/to/it"
    fi
fi
odoo_version=$(sed -n 's/^version_info = (\([0-9]*\), *\([0-9]*\),.*/\1.\2/p' "$ODOO_PATH/odoo/release.py")
[ "$odoo_version" = 18.0 ] || die "ODOO_PATH=$ODOO_PATH holds Odoo $odoo_version, not 18.0."
odoo_addons="$ODOO_PATH/odoo/addons"
[ -d "$ODOO_PATH/addons/web" ] && odoo_addons="$ODOO_PATH/addons,$odoo_addons"
[ -d "$ODOO_PATH/odoo/addons/sale" ] || [ -d "$ODOO_PATH/addons/sale" ] \
    || die "ODOO_PATH=$ODOO_PATH has no 'sale' addon: it is not a complete Odoo 18.0 Community tree."
[ -f "$ODOO_PATH/odoo-bin" ] || die "ODOO_PATH=$ODOO_PATH has no odoo-bin."

# ---------------------------------------------------------- Python environment
if [ ! -x "$VENV/bin/python" ]; then
    py=""
    for candidate in ${BO_PYTHON:-} python3.11 python3.12 python3.10 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \
            'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            py=$candidate; break
        fi
    done
    [ -n "$py" ] || die "Odoo 18 needs Python 3.10, 3.11 or 3.12; none was found (set BO_PYTHON)."
    info "Creating the virtual environment .venv with $py"
    "$py" -m venv "$VENV"
fi
stamp="$VENV/.requirements.sha"
want=$(cat "$PROJECT_DIR/requirements.txt" "$PROJECT_DIR/requirements-dev.txt" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    info "Installing Python requirements (a few minutes the first time)"
    # Old sdists pinned by Odoo 18 (cbor2, rjsmin, vobject, ofxparse...) only
    # build with setuptools<70 in their isolated build environment.
    PIP_CONSTRAINT="$PROJECT_DIR/config/pip-build-constraints.txt" \
        "$VENV/bin/pip" install -q -r "$PROJECT_DIR/requirements-dev.txt" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) \
        || die "pip could not install requirements-dev.txt (see the messages above)."
    echo "$want" > "$stamp"
fi
# Odoo is imported from ODOO_PATH, not installed: a .pth file puts it on sys.path.
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$ODOO_PATH" > "$site/bo_suite_odoo_path.pth"
"$VENV/bin/python" -c 'import odoo.release as r; assert r.version_info[:2] == (18, 0)' \
    || die "The virtual environment cannot import Odoo 18.0 from $ODOO_PATH."
# With --workers (make load, production) Odoo runs its websocket process under
# gevent, which must be able to monkey-patch (see zope.* in requirements.txt).
"$VENV/bin/python" -c 'import gevent.monkey; gevent.monkey.patch_all()' \
    || die "gevent cannot monkey-patch in the virtual environment (see the error above): \
Odoo's websocket process would not start with --workers."

# ------------------------------------------------------------------ PostgreSQL
BO_DB_USER=${BO_DB_USER:-bo_odoo}
[ "$BO_DB_USER" != postgres ] || die "Odoo refuses to run as the 'postgres' role: choose another BO_DB_USER."

try_admin() {  # host port user -> succeeds when that role may create roles
    [ "$(PGHOST=$1 PGPORT=$2 PGUSER=$3 psql -w -d postgres -tAc \
        "select rolsuper or rolcreaterole from pg_roles where rolname = current_user" 2>/dev/null)" = t ]
}

mode="" host="" port=""
if [ "${BO_PG_MODE:-}" != local ]; then
    candidates=()
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        candidates+=("${PGHOST:-/var/run/postgresql}|${PGPORT:-5432}|${PGUSER:-$(id -un)}")
    else
        for h in /var/run/postgresql /tmp 127.0.0.1; do
            for u in postgres "$(id -un)"; do candidates+=("$h|5432|$u"); done
        done
    fi
    for c in "${candidates[@]}"; do
        IFS='|' read -r h p u <<<"$c"
        if try_admin "$h" "$p" "$u"; then
            info "PostgreSQL server found at host=$h port=$p (admin role $u)"
            if [ "$(PGHOST=$h PGPORT=$p PGUSER=$u psql -w -d postgres -tAc \
                "select 1 from pg_roles where rolname = '$BO_DB_USER'")" != 1 ]; then
                info "Creating the database role $BO_DB_USER for Odoo"
                PGHOST=$h PGPORT=$p PGUSER=$u psql -w -d postgres -qc \
                    "create role \"$BO_DB_USER\" login createdb"
            fi
            if [ -n "${BO_DB_PASSWORD:-}" ]; then
                PGHOST=$h PGPORT=$p PGUSER=$u psql -w -d postgres -qc \
                    "alter role \"$BO_DB_USER\" password '${BO_DB_PASSWORD//\'/\'\'}'"
            fi
            mode=service host=$h port=$p
            break
        fi
        # The Odoo role itself may already exist and be allowed to create databases.
        if [ "$u" != "$BO_DB_USER" ] && [ "$(PGHOST=$h PGPORT=$p PGUSER=$BO_DB_USER PGPASSWORD=${BO_DB_PASSWORD:-} \
            psql -w -d postgres -tAc "select rolcreatedb from pg_roles where rolname = current_user" 2>/dev/null)" = t ]; then
            info "PostgreSQL server found at host=$h port=$p (role $BO_DB_USER)"
            mode=service host=$h port=$p
            break
        fi
    done
fi
if [ -z "$mode" ]; then
    bindir=$(pg_bindir) || die "No PostgreSQL server answers and no PostgreSQL binaries (initdb, pg_ctl) \
were found to start a project-local one. Install PostgreSQL (apt-get install postgresql) or set PGHOST/PGPORT/PGUSER."
    mode=local host="$LOCAL_DIR/pgsocket" port=${BO_PG_PORT:-54329}
    if [ ! -f "$LOCAL_DIR/pgdata/PG_VERSION" ]; then
        info "Creating a project-local PostgreSQL cluster in .local/pgdata ($bindir)"
        mkdir -p "$LOCAL_DIR/pgdata" "$LOCAL_DIR/pgsocket"
        if [ "$(id -u)" = 0 ]; then
            os_user=${BO_PG_OS_USER:-postgres}
            id "$os_user" >/dev/null 2>&1 || useradd --system --no-create-home "$os_user"
            chown "$os_user" "$LOCAL_DIR/pgdata" "$LOCAL_DIR/pgsocket"
            chmod 700 "$LOCAL_DIR/pgdata"
        fi
        pg_run "$bindir/initdb" -D "$LOCAL_DIR/pgdata" -U "$BO_DB_USER" --auth=trust \
            -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed for .local/pgdata"
    fi
fi
cat > "$PG_ENV" <<ENV
BO_PG_MODE=$mode
BO_PG_HOST=$host
BO_PG_PORT=$port
BO_DB_USER=$BO_DB_USER
BO_DB_PASSWORD='${BO_DB_PASSWORD:-}'
ENV
ensure_pg

# ---------------------------------------------------------------- Odoo config
# Rendered from config/odoo.conf.template; it holds machine paths and a random
# master password, so it stays in .local/ and is never committed.
admin_pw=$(sed -n 's/^admin_passwd = //p' "$ODOO_CONF" 2>/dev/null || true)
[ -n "$admin_pw" ] || admin_pw=$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(18))')
sed -e "s|@ADDONS_PATH@|$odoo_addons,$PROJECT_DIR/addons|" \
    -e "s|@DATA_DIR@|$LOCAL_DIR/data|" \
    -e "s|@DB_HOST@|$host|" -e "s|@DB_PORT@|$port|" -e "s|@DB_USER@|$BO_DB_USER|" \
    -e "s|@DB_PASSWORD@|${BO_DB_PASSWORD:-False}|" \
    -e "s|@ADMIN_PASSWD@|$admin_pw|" \
    "$PROJECT_DIR/config/odoo.conf.template" > "$ODOO_CONF"
chmod 600 "$ODOO_CONF"

info "Setup done: Odoo $odoo_version at $ODOO_PATH, PostgreSQL ($mode) at $host:$port as $BO_DB_USER."
info "Next: make run (web client on http://localhost:8069) or make test"
