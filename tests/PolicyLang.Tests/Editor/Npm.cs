using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace PolicyLang.Tests.Editor;

/// <summary>Runs node, npm and npx in lsp/vscode for the editor tests, installing node_modules once.</summary>
public static class Npm
{
    public static string ExtensionDir => Repo.Path("lsp", "vscode");

    private static readonly object s_installLock = new();
    private static string? s_installFailure;
    private static bool s_installed;

    public sealed record Result(string CommandLine, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        /// <summary>The command, its exit code and the end of its output, for a failure message.</summary>
        public string Describe()
        {
            var output = (Stdout + "\n" + Stderr).Trim();
            if (output.Length > 12_000) output = "…" + output[^12_000..];
            return $"`{CommandLine}` (in lsp/vscode) exited with {ExitCode} after {Elapsed.TotalSeconds:0.0} s:\n{output}";
        }
    }

    /// <summary>
    /// Makes sure lsp/vscode/node_modules matches package-lock.json: runs `npm ci` when node_modules is
    /// missing or was installed from another lock file (a stamp file holds the lock file's hash).
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (s_installLock)
        {
            if (s_installed) return;
            if (s_installFailure is not null) Assert.Fail(s_installFailure);
            var stamp = Path.Combine(ExtensionDir, "node_modules", ".policylang-lock.sha256");
            var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(ExtensionDir, "package-lock.json"))));
            var fresh = File.Exists(stamp) && File.ReadAllText(stamp).Trim() == hash
                && File.Exists(Path.Combine(ExtensionDir, "node_modules", ".package-lock.json"));
            if (!fresh)
            {
                var result = Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, TimeSpan.FromMinutes(10));
                if (result.ExitCode != 0)
                {
                    s_installFailure = "npm ci failed; the VS Code extension's tests need its node_modules.\n" + result.Describe();
                    Assert.Fail(s_installFailure);
                }
                File.WriteAllText(stamp, hash);
            }
            s_installed = true;
        }
    }

    /// <summary>Runs a program (node, npm, npx) in lsp/vscode; kills it and fails the test after the timeout.</summary>
    public static Result Run(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var argList = args.ToList();
        var commandLine = program + " " + string.Join(" ", argList.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? ExtensionDir,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (OperatingSystem.IsWindows() && program != "node")
        {
            // npm and npx are .cmd scripts on Windows.
            start.FileName = "cmd.exe";
            start.ArgumentList.Add("/d");
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var a in argList) start.ArgumentList.Add(a);
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";
        start.Environment["FORCE_COLOR"] = "0";

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot run `{commandLine}`: {e.Message}. The VS Code extension's tests need Node.js 20 and npm on PATH.");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            Assert.Fail($"`{commandLine}` (in lsp/vscode) did not finish within {timeout.TotalMinutes:0} minutes.\n{stdout}\n{stderr}");
        }
        process.WaitForExit(); // drains the output
        lock (stdout) lock (stderr)
            return new Result(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    /// <summary>Runs a program and asserts that it exits 0.</summary>
    public static Result Check(string program, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var result = Run(program, args, timeout, workingDirectory);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result;
    }
}
