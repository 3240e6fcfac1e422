using System.Diagnostics;

namespace PolicyLang.Tests.Compiler;

/// <summary>The source generator, through real builds: the sample consumer, and a broken policy as a build error.</summary>
public sealed class GeneratorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("policyc-generator-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Output) Run(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result + error.Result);
    }

    [Fact]
    public void The_sample_consumer_builds_with_generated_policies_and_runs()
    {
        var (buildExit, buildOutput) = Run(Repo.Root, "build", "examples/consumer", "-nodeReuse:false");
        Assert.True(buildExit == 0, buildOutput);
        var (runExit, output) = Run(Repo.Root, "run", "--no-build", "--project", "examples/consumer");
        Assert.True(runExit == 0, output);
        Assert.Contains("liuzhou-compliant.json: compliant", output);
        Assert.Contains("fee.cap.township (§ 四（三）): fees may be at most 80 CNY per student per month", output);
        Assert.Contains("with a township cap of 120 CNY per student per month: fee.cap.township broken = False", output);
        Assert.Contains("nanjing_2021 rules from jiangsu_2020, nanjing_2021", output);
    }

    [Fact]
    public void A_policy_error_is_a_build_error_at_the_policy_file_and_line()
    {
        File.WriteAllText(Path.Combine(_dir, "Broken.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <AdditionalFiles Include="broken.policy" />
                <ProjectReference Include="{Repo.Path("src", "PolicyLang.Generators", "PolicyLang.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{Repo.Path("src", "PolicyLang.Runtime", "PolicyLang.Runtime.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_dir, "Program.cs"), "System.Console.WriteLine(1);\n");
        File.WriteAllText(Path.Combine(_dir, "broken.policy"), "policy broken {\n  title \"t\"\n  issuer \"i\"\n  effective 2021-09-01\n}\nfee {\n  wave registered_poverty § \"七\"\n}\n");
        var (exit, output) = Run(_dir, "build", "-nodeReuse:false");
        Assert.NotEqual(0, exit);
        Assert.Contains("broken.policy(7,3): error PL0004: unexpected name 'wave'", output);
    }
}
