import { describe, expect, it } from "vitest";
import { codeBlocks, isExecutorName, parseExecutorOutput } from "./chat-output";
import { classifyMessage, isHumanSpeaker, parseRole } from "./chat-speakers";

describe("code-executor output in chat messages", () => {
  it.each([
    ["AG2 failure", "exitcode: 1 (execution failed)\nCode output: boom", false, { exitCode: 1, error: "exit code 1", noCode: false }],
    ["AG2 success", "exitcode: 0 (execution succeeded)\nCode output: 42", false, { exitCode: 0, error: null, noCode: false }],
    ["AG2 timeout", "exitcode: 124 (execution failed)\nCode output: Timeout", false, { exitCode: 124, error: "exit code 124", noCode: false }],
    ["Magentic-One executor", "The script ran, then exited with Unix exit code: 2\nIts output was:\nls: cannot access", false, { exitCode: 2, error: "exit code 2", noCode: false }],
    ["AgentChat executor", "The script ran, then exited with an error (POSIX exit code: 1)\nIts output was:\nx", false, { exitCode: 1, error: "exit code 1", noCode: false }],
    ["silent script", "The script ran but produced no output to console. The Unix exit code was: 0. If you were expecting output, ...", false, { exitCode: 0, error: null, noCode: false }],
    ["bare traceback", "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    1/0\nZeroDivisionError: division by zero", false, { exitCode: null, error: "ZeroDivisionError: division by zero", noCode: false }],
    ["exit 0 but a traceback was printed", "exitcode: 0 (execution succeeded)\nCode output: Traceback (most recent call last):\n  File \"a.py\", line 2\nValueError: bad", false, { exitCode: 0, error: "ValueError: bad", noCode: false }],
    // microsoft/autogen@9c09090bf9:notebook/autogen_agent_planning.ipynb, cell 10: the script printed
    // a GitHub issue whose body quotes a traceback; the run itself succeeded.
    [
      "exit 0, a traceback quoted in the middle of the output",
      "exitcode: 0 (execution succeeded)\nCode output: \n----\nTitle:  Do not print data split method when user provides X_val in AutoML\nDetail:  ...\n```\nTraceback (most recent call last):\n  File \"<ipython-input>\", line 941, in fit\n    **kwargs,\nTypeError: fit() got an unexpected keyword argument 'groups'\n```\n----\n",
      false,
      { exitCode: 0, error: null, noCode: false },
    ],
    ["executor crash", "Error executing code: [Errno 2] No such file", false, { exitCode: null, error: "Error executing code: [Errno 2] No such file", noCode: false }],
    ["AG2 no-code reply", "There is no code from the last 1 message for me to execute. Group chat manager should ...", false, { exitCode: null, error: null, noCode: true }],
    ["AgentChat no-code reply", "No code blocks found in the thread. Please provide at least one markdown-encoded code block", false, { exitCode: null, error: null, noCode: true }],
    ["plain output from an executor speaker", "hello world", true, { exitCode: null, error: null, noCode: false }],
  ])("%s", (_why, text, fromExecutor, expected) => {
    expect(parseExecutorOutput(text, fromExecutor)).toEqual(expected);
  });

  it.each([
    ["prose", "The script should print 42."],
    ["prose quoting a traceback later", "I see a problem. Traceback (most recent call last): ... ValueError"],
    ["a sentence about exit codes", "If the exitcode is 1, retry."],
  ])("is not executor output: %s", (_why, text) => {
    expect(parseExecutorOutput(text, false)).toBeNull();
  });

  it("finds fenced code blocks with their language", () => {
    expect(codeBlocks("Run this:\n```python\nprint(1)\n```\nand\n```sh\nls -la\n```")).toEqual([
      { language: "python", code: "print(1)" },
      { language: "sh", code: "ls -la" },
    ]);
    expect(codeBlocks("no code here")).toEqual([]);
  });

  it.each(["ComputerTerminal", "Computer_terminal", "code_executor", "Executor"])("%s is an executor", (name) => {
    expect(isExecutorName(name)).toBe(true);
  });
});

describe("chat speakers", () => {
  it.each([
    ["Orchestrator (thought)", { name: "Orchestrator", kind: "thought", to: null }],
    ["Orchestrator (-> WebSurfer)", { name: "Orchestrator", kind: "-> WebSurfer", to: "WebSurfer" }],
    ["Orchestrator (termination condition)", { name: "Orchestrator", kind: "termination condition", to: null }],
    ["WebSurfer", { name: "WebSurfer", kind: null, to: null }],
    ["(odd)", { name: "(odd)", kind: null, to: null }],
  ])("parses the role %s", (role, expected) => {
    expect(parseRole(role)).toEqual(expected);
  });

  it.each([
    ["unnamed user", "user", null, true],
    ["Magentic-One's human", "human", null, true],
    ["Magentic-One's UserProxy", "UserProxy", null, true],
    ["AG2 user_proxy", "user", "user_proxy", true],
    ["CaptainAgent's proxy", "user", "captain_user_proxy", true],
    ["AutoGen Admin", "user", "Admin", true],
    ["AutoGen RetrieveUserProxyAgent", "user", "ragproxyagent", true],
    ["a UserProxyAgent kept under its class name", "user", "UserProxyAgent", true],
    // microsoft/autogen notebook/autobuild_basic.ipynb and agentchat_autobuild.ipynb: AgentBuilder's user proxy.
    ["AutoBuild's user proxy", "user", "User_console_and_code_interpreter", true],
    ["AutoBuild's user proxy (Python)", "user", "User_console_and_Python_code_interpreter", true],
    ["AG2 agent stored with role user", "user", "Verification_Expert", false],
    ["assistant", "assistant", null, false],
    ["Magentic-One agent", "FileSurfer", null, false],
  ])("human or not: %s", (_why, role, name, human) => {
    expect(isHumanSpeaker(role, name)).toBe(human);
  });

  it.each([
    ["system prompt", { role: "system", name: null }, "system"],
    ["tool result", { role: "tool", name: "get_time" }, "tool"],
    ["terminal output", { role: "user", name: "Computer_terminal" }, "executor"],
    ["human", { role: "user", name: null }, "human"],
    ["agent with a tool call, even if named like the user", { role: "user", name: "user_proxy", hasToolCalls: true }, "agent"],
    ["Magentic-One Coder", { role: "Coder", name: null }, "agent"],
  ])("classifies %s", (_why, m, expected) => {
    expect(classifyMessage({ hasToolCalls: false, hasToolResponses: false, executorOutput: false, ...m })).toBe(expected);
  });
});
