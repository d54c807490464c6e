# What every koe tool's bash completion shares. packaging/completion.py puts
# this at the top of each tool's completion file, followed by the tool's own
# options as its --help lists them. It needs bash alone (bash-completion's
# helpers are not required), and reads --option=value whether or not "="
# breaks words (bash-completion makes it one).

# _koe_complete OPTIONS VALUE_OPTIONS VALUE_FUNCTION: completes the current
# word of COMP_WORDS: an option's value (the function, given the option and
# the text typed so far, fills COMPREPLY), an option, or a file.
_koe_complete() {
  local options=$1 value_options=$2 value_of=$3
  local cur=${COMP_WORDS[COMP_CWORD]} prev='' option='' prefix=''
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  if [[ $cur == = && $prev == -* ]]; then
    option=$prev cur=''
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == -* ]]; then
    option=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $cur == --*=* ]]; then
    option=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
  elif [[ " $value_options " == *" $prev "* ]]; then
    option=$prev
  fi
  if [[ -n $option ]]; then
    "$value_of" "$option" "$cur" "$value_options" || return 0
    if [[ -n $prefix ]]; then
      local i
      for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$prefix${COMPREPLY[i]}; done
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    local IFS=$' \t\n'
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  _koe_files "$cur"
}

# Names from a list (output formats, methods, presets ...).
_koe_words() {
  local IFS=$' \t\n'
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_koe_files() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

# Column names, from the header of the first input file already on the
# command line (CSV, TSV or another -d delimiter; NDJSON keys). For lists
# (--by plan,region) the name after the last comma is completed.
_koe_columns() {
  local cur=$1 value_options=$2 file='' delimiter='' word i
  for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
    ((i == COMP_CWORD)) && continue
    word=${COMP_WORDS[i]}
    if [[ " $value_options " == *" $word "* ]]; then
      [[ $word == -d || $word == --delimiter ]] && delimiter=${COMP_WORDS[i + 1]}
      ((i++))
      continue
    fi
    [[ $word == --delimiter=* ]] && delimiter=${word#*=}
    [[ $word == -* || $word == = ]] && continue
    word=${word/#\~/$HOME}
    if [[ -f $word && -r $word ]]; then
      file=$word
      break
    fi
  done
  [[ -n $file ]] || return 0
  local line
  IFS= read -r line <"$file" || [[ -n $line ]] || return 0
  line=${line#$'\xef\xbb\xbf'}
  line=${line%$'\r'}
  local -a names=()
  case $delimiter in
    tab | '\t') delimiter=$'\t' ;;
    ?) ;;
    *)
      case $file in
        *.tsv | *.tab | *.TSV) delimiter=$'\t' ;;
        *.ndjson | *.jsonl | *.NDJSON | *.JSONL) delimiter=json ;;
        *) delimiter=, ;;
      esac
      ;;
  esac
  if [[ $delimiter == json ]]; then
    local rest=$line
    while [[ $rest =~ \"([^\"]*)\"[[:space:]]*:(.*) ]]; do
      names+=("${BASH_REMATCH[1]}")
      rest=${BASH_REMATCH[2]}
    done
  else
    local IFS=$delimiter name
    read -ra names <<<"$line"
    for i in "${!names[@]}"; do
      name=${names[i]}
      [[ $name == \"*\" ]] && name=${name:1:${#name}-2}
      names[i]=$name
    done
  fi
  local head=''
  if [[ $cur == *,* ]]; then
    head=${cur%,*},
    cur=${cur##*,}
  fi
  COMPREPLY=()
  for word in "${names[@]}"; do
    [[ -n $word && $word == "$cur"* ]] || continue
    # A name with a space or a shell character is offered quoted.
    [[ $word == *[[:space:]\'\"\\\$\`\(\)\&\;\|\<\>\*\?\[]* ]] && word=$(printf '%q' "$word")
    COMPREPLY+=("$head$word")
  done
  return 0
}
