#!/bin/sh
# Every translatable string of the sources (po/POTFILES.in) has a Korean
# translation in po/ko.po, neither fuzzy nor empty: ko.po is kept complete.
#
#   check-translations.sh SOURCE_ROOT
set -eu

root="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
xgettext --from-code=UTF-8 --directory="$root" --files-from=po/POTFILES.in \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --output="$tmp/sources.pot"

# msgcmp fails for each message of the sources that ko.po lacks, or has
# only as fuzzy or untranslated.
msgcmp po/ko.po "$tmp/sources.pot"
echo "po/ko.po translates every message of the sources"
