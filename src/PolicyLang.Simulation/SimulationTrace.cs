using System.Diagnostics;

namespace PolicyLang.Simulation;

/// <summary>
/// With POLICYLANG_LOAD_TRACE=1, the time of each step of a simulation (start-up, policy, data, compile, simulate,
/// output) is written to standard error, each with the time since the process started.
/// </summary>
public static class SimulationTrace
{
    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("POLICYLANG_LOAD_TRACE") == "1";

    /// <summary>Milliseconds since the process started.</summary>
    public static double SinceStart => (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;

    public static void Write(string message)
    {
        if (Enabled) Console.Error.WriteLine($"[{SinceStart,7:0} ms] {message}");
    }

    private static TimeSpan s_cpu;

    /// <summary>
    /// Writes the step's wall time and the processor time the process used since the last step (all threads; on a
    /// loaded machine the wall time also counts waiting for a core), and restarts the clock.
    /// </summary>
    public static void Step(string step, Stopwatch clock)
    {
        if (!Enabled) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Write($"{step}: {clock.Elapsed.TotalMilliseconds:0} ms (cpu {(cpu - s_cpu).TotalMilliseconds:0} ms)");
        s_cpu = cpu;
        clock.Restart();
    }
}
