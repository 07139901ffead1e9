# type reports builtins and special builtins like dash.
type echo
type cd
type true
type export
type exec
type set
