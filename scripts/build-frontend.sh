#!/usr/bin/env bash
# Builds the single-page app into frontend/dist: wasm (size profile) → wasm-bindgen →
# wasm-opt → index.html + boot.js + style.css, named by their content's hash and precompressed.
# Installs the tools it needs when they are missing or of another version (never trunk;
# nothing is downloaded from GitHub).
#
#   scripts/build-frontend.sh            # release build (profile wasm-release)
#   SKIP_WASM_OPT=1 scripts/build-frontend.sh   # faster, larger output while developing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
DIST="$FRONTEND/dist"
WASM_BINDGEN_VERSION="0.2.130"
BINARYEN_VERSION="132"
PROFILE="wasm-release"
TARGET="wasm32-unknown-unknown"

# While the frontend is its own workspace it has its own target dir; once it is a member of
# the root workspace the same directory still works (cargo only needs it to be consistent).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/frontend}"

log() { printf '==> %s\n' "$*" >&2; }

# 1. The wasm target.
if ! rustup target list --installed | grep -qx "$TARGET"; then
    log "installing the $TARGET target"
    rustup target add "$TARGET"
fi

# 2. wasm-bindgen-cli, the exact version of the wasm-bindgen crate.
WASM_BINDGEN="$(command -v wasm-bindgen || true)"
if [[ -z "$WASM_BINDGEN" ]] || [[ "$("$WASM_BINDGEN" --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]]; then
    log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~5 min)"
    # Not --locked: a locked dependency of 0.2.130 is missing from the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
    WASM_BINDGEN="$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")"
fi

# 3. wasm-opt from binaryen on npm (Debian's binaryen is too old for reference types).
TOOLS="$ROOT/target/tools"
WASM_OPT="$TOOLS/binaryen/node_modules/.bin/wasm-opt"
if [[ -z "${SKIP_WASM_OPT:-}" ]]; then
    if [[ ! -x "$WASM_OPT" ]] || ! "$WASM_OPT" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
        log "installing binaryen@$BINARYEN_VERSION (wasm-opt) into $TOOLS/binaryen"
        mkdir -p "$TOOLS/binaryen"
        npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
    fi
fi

# 4. The wasm itself. `erase_components` type-erases Leptos components: ~17 % smaller wasm
# (1.41 → 1.19 MB raw, 537 → 445 KB gzip) and faster builds. Only for the wasm target, so
# host builds and tests of the crate are unaffected.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} --cfg erase_components"
log "cargo build --profile $PROFILE --target $TARGET (frontend)"
cargo build --manifest-path "$FRONTEND/Cargo.toml" --target "$TARGET" --profile "$PROFILE" --bin frontend
WASM_IN="$CARGO_TARGET_DIR/$TARGET/$PROFILE/frontend.wasm"

# 5. JS glue.
rm -rf "$DIST"
mkdir -p "$DIST"
log "wasm-bindgen --target web"
"$WASM_BINDGEN" --target web --no-typescript --out-dir "$DIST" "$WASM_IN"

# 6. Size.
if [[ -z "${SKIP_WASM_OPT:-}" ]]; then
    log "wasm-opt -Oz"
    "$WASM_OPT" -Oz \
        --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        -o "$DIST/frontend_bg.wasm.opt" "$DIST/frontend_bg.wasm"
    mv "$DIST/frontend_bg.wasm.opt" "$DIST/frontend_bg.wasm"
fi

# 7. Static files, named by their content's hash (the server keeps those for a year and
# revalidates index.html on every load): frontend-<hash>.js, frontend_bg-<hash>.wasm,
# style-<hash>.css, boot-<hash>.js; index.html and boot.js are rewritten to those names.
hashed() { # file → name-<16 hex>.ext beside it; prints the new name
    local file="$1" base ext hash
    base="$(basename "$file")"; ext="${base##*.}"; base="${base%.*}"
    hash="$(sha256sum "$file" | cut -c1-16)"
    mv "$file" "$(dirname "$file")/$base-$hash.$ext"
    echo "$base-$hash.$ext"
}
cp "$FRONTEND/index.html" "$FRONTEND/boot.js" "$FRONTEND/style.css" "$DIST/"
WASM_NAME="$(hashed "$DIST/frontend_bg.wasm")"
JS_NAME="$(hashed "$DIST/frontend.js")"
CSS_NAME="$(hashed "$DIST/style.css")"
sed -i -e "s#'/frontend.js'#'/$JS_NAME'#" -e "s#'/frontend_bg.wasm'#'/$WASM_NAME'#" "$DIST/boot.js"
BOOT_NAME="$(hashed "$DIST/boot.js")"
sed -i -e "s#\"/style.css\"#\"/$CSS_NAME\"#" -e "s#\"/frontend.js\"#\"/$JS_NAME\"#" \
    -e "s#\"/frontend_bg.wasm\"#\"/$WASM_NAME\"#" -e "s#\"/boot.js\"#\"/$BOOT_NAME\"#" "$DIST/index.html"
for name in "$WASM_NAME" "$JS_NAME" "$CSS_NAME" "$BOOT_NAME"; do
    grep -q "$name" "$DIST/index.html" "$DIST/$BOOT_NAME" || { echo "no reference to $name" >&2; exit 1; }
done

# 8. Precompressed copies, served as they are when the browser accepts them: gzip -9 and
# brotli at its highest quality (Node's zlib, or the brotli command), instead of the
# server's on-the-fly compression at its fastest level. Brotli only for a release build (it
# takes seconds on the larger wasm of SKIP_WASM_OPT).
for f in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html; do
    gzip -9 -n -k -f "$f"
    if [[ -n "${SKIP_WASM_OPT:-}" ]]; then
        :
    elif command -v node >/dev/null 2>&1; then
        node -e 'const z = require("zlib"), fs = require("fs"), f = process.argv[1], b = fs.readFileSync(f);
            fs.writeFileSync(f + ".br", z.brotliCompressSync(b, { params: {
                [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_LGWIN]: 24,
                [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }));' "$f"
    elif command -v brotli >/dev/null 2>&1; then
        brotli -q 11 -f -k "$f"
    fi
done

RAW=$(stat -c %s "$DIST/$WASM_NAME")
GZ=$(stat -c %s "$DIST/$WASM_NAME.gz")
BR=$(stat -c %s "$DIST/$WASM_NAME.br" 2>/dev/null || echo "-")
log "done: $DIST ($WASM_NAME: $RAW bytes, $GZ gzip -9, $BR brotli)"
