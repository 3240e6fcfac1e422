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
    private static long s_faults;
    private static int s_collections;
    private static TimeSpan s_pause;
    private static long s_jitted;
    private static TimeSpan s_jitTime;

    /// <summary>
    /// Writes the step's wall time, the processor time the process used since the last step (all threads; on a
    /// loaded machine the wall time also counts waiting for a core) and, on Linux, the minor page faults since then
    /// (each a page of memory touched for the first time, which the kernel zeroes), the garbage collections and their
    /// pauses, and the methods the JIT compiled (all threads: code not precompiled, such as generic instantiations
    /// over the program's own types, and the compiled policy), and restarts the clock.
    /// </summary>
    public static void Step(string step, Stopwatch clock)
    {
        if (!Enabled) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var faults = MinorFaults();
        var touched = faults is { } f ? $", {f - s_faults} page faults" : "";
        var collections = GC.CollectionCount(0);
        var pause = GC.GetTotalPauseDuration();
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        Write($"{step}: {clock.Elapsed.TotalMilliseconds:0} ms (cpu {(cpu - s_cpu).TotalMilliseconds:0} ms{touched}, " +
            $"{collections - s_collections} GCs {(pause - s_pause).TotalMilliseconds:0} ms, " +
            $"{jitted - s_jitted} methods jitted {(jitTime - s_jitTime).TotalMilliseconds:0} ms, managed heap {GC.GetTotalMemory(false) >> 20} MB)");
        (s_cpu, s_faults, s_collections, s_pause, s_jitted, s_jitTime) = (cpu, faults ?? 0, collections, pause, jitted, jitTime);
        clock.Restart();
    }

    /// <summary>The process's minor page faults so far (field 10 of /proc/self/stat); null where there is none.</summary>
    private static long? MinorFaults()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }
}
