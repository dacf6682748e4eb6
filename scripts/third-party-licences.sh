#!/usr/bin/env bash
# Writes the licences of every crate compiled into the game, for the release package:
#   scripts/third-party-licences.sh OUT.txt
# Each crate the game links on this platform (cargo tree's normal dependencies) is listed with
# the licence it declares and the licence texts it ships (LICENSE*, COPYING*, NOTICE*, ...), as
# those licences ask. A crate that ships no licence file is listed with its declared licence and
# counted in the closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/third-party-licences.sh OUT.txt}
command -v jq > /dev/null || { echo "third-party-licences: jq is needed (apt install jq)" >&2; exit 1; }

target="$(rustc -vV | sed -n 's/^host: //p')"
# name, version, declared licence and folder of every package cargo knows for this platform.
declare -A folder licence
while IFS=$'\t' read -r name version declared dir; do
  folder["$name $version"]=$dir
  licence["$name $version"]=$declared
done < <(cargo metadata --format-version 1 --locked --filter-platform "$target" |
  jq -r '.packages[] | [.name, .version, (.license // "not declared"), (.manifest_path | sub("/Cargo.toml$"; ""))] | @tsv')

# The crates compiled into the game: normal dependencies, each once.
mapfile -t crates < <(cargo tree --locked -p cleanroom -e normal --target "$target" --prefix none --format '{p}' |
  sed -E 's/^([^ ]+) v([^ ]+).*/\1 \2/' | sort -u | grep -v '^cleanroom\(_core\)\? ')

without=()
{
  echo "Third-party software in cleanroom"
  echo "================================="
  echo
  echo "cleanroom is built from the ${#crates[@]} Rust crates below (for $target). Each is listed with"
  echo "the licence it declares and the licence files it ships with."
  for crate in "${crates[@]}"; do
    dir=${folder[$crate]:-}
    echo
    echo "------------------------------------------------------------------------------"
    echo "$crate — ${licence[$crate]:-not declared}"
    echo "------------------------------------------------------------------------------"
    files=()
    if [ -n "$dir" ]; then
      # Licence files at the top or one folder down, and the licences of bundled fonts.
      mapfile -t files < <(find "$dir" -maxdepth 2 -type f \( -iname '*licen[cs]e*' -o -iname 'copying*' -o -iname 'notice*' \
        -o -iname 'copyright*' -o -iname 'OFL*.txt' -o -iname 'UFL*.txt' -o -path "$dir/fonts/*.txt" \) \
        -not -path "$dir/src/*" -not -name '*.rs' | sort)
    fi
    if [ ${#files[@]} -eq 0 ]; then
      echo "(the crate ships no licence file; its declared licence is ${licence[$crate]:-not declared})"
      without+=("$crate")
      continue
    fi
    for file in "${files[@]}"; do
      echo
      echo "[${file#"$dir"/}]"
      cat "$file"
    done
  done
  echo
  echo "=============================================================================="
  echo "The crates above that ship no licence file are under the licence they declare. Those"
  echo "declaring Apache-2.0 (alone or as a choice) are used under it; its text is below."
  echo "=============================================================================="
  echo
  cat LICENSE-APACHE
} > "$out"
echo "third-party-licences: ${#crates[@]} crates, ${#without[@]} without a licence file${without:+ (${without[*]})}; wrote $out"
