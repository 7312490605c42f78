/**
 * The one list of tool names that run a shell command (bash, run_command, execute_bash,
 * ...): the action classifier reads their command text, and the run diff takes the
 * command's first word as the tool's operation. Names are compared lowercased.
 */
export const SHELL_TOOL_NAMES =
  /^(?:bash|shell|sh|zsh|terminal|run|execute|exec|run_command|execute_command|execute_bash|run_shell|run_shell_command|shell_command|shell_exec|command|cmd|run_terminal_cmd|terminal_exec|computer_terminal|exec_command|local_shell|container_exec)$/;
