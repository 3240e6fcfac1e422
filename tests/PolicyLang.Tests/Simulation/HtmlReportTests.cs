using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;
using PolicyLang.Simulation.Output;

namespace PolicyLang.Tests.Simulation;

public class HtmlReportTests
{
    private static readonly decimal[] s_caps = { 80m, 100m, 120m, 140m, 160m };

    // ------------------------------------------------------------------ rendered in a browser

    [Fact]
    public void Chromium_renders_the_sweep_report_with_its_totals_and_charts()
    {
        var chromium = Chromium.Find();
        var dir = NewTempDirectory();
        try
        {
            var html = Path.Combine(dir, "report.html");
            HtmlReport.Write(SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps), html, Language.English);
            AssertSelfContained(File.ReadAllText(html));

            var dom = chromium.DumpDom(html);
            AssertSelfContained(dom);
            Assert.Contains("<title>柳州市义务教育课后服务收费政策 — simulation report</title>", dom);
            Assert.Contains("examples/data/liuzhou", dom);
            // Totals worked out by hand: baseline cap 150 and the first scenario's cap 80 over the twelve schools.
            Assert.Contains("9,244,000.00", dom);     // family payments, baseline
            Assert.Contains("5,238,800.00", dom);     // family payments, cap 80
            Assert.Contains("-4,005,200.00", dom);    // the change
            Assert.Contains("-43.3%", dom);
            Assert.Contains("610,500.00", dom);       // subsidy cost, baseline
            Assert.Contains("+2,036,500.00", dom);    // subsidy cost, cap 80 against the baseline
            Assert.Contains("6,898,150.00", dom);     // staff pool, baseline
            Assert.Contains("5,520,060.00", dom);     // staff pool, cap 80

            // The sweep chart: one polyline of five points per measure, axis titles with units, a legend.
            foreach (var measure in new[] { "family_payments", "subsidy_cost", "staff_pool" })
            {
                var line = Regex.Match(dom, $"<polyline[^>]*class=\"series {measure}\"[^>]*>");
                Assert.True(line.Success, $"no polyline for {measure}");
                var points = Regex.Match(line.Value, "points=\"([^\"]*)\"").Groups[1].Value;
                Assert.Equal(5, points.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            }
            Assert.Matches("<text[^>]*class=\"axis-title\"[^>]*>fee_cap \\(CNY/month\\)</text>", dom);
            Assert.Matches("<text[^>]*class=\"axis-title\"[^>]*>million CNY per school year</text>", dom);
            Assert.Matches("<text[^>]*class=\"legend-label\"[^>]*>Subsidy cost</text>", dom);
            Assert.Equal(3, Regex.Matches(dom, "<line[^>]*class=\"reference ").Count);   // the baseline's values
            // Distribution: baseline and scenario bars for 3 districts and 4 locations, twice (family payments, staff pool).
            Assert.Equal(2 * 2 * (3 + 4), Regex.Matches(dom, "<rect[^>]*class=\"bar ").Count);
            Assert.Contains("Who gains and who loses", dom);
            Assert.Contains("柳州市鱼峰区荣军路中学", dom);    // newly non-compliant under cap 80

            var png = Path.Combine(dir, "report.png");
            chromium.Screenshot(html, png, 1280, 2000);
            var image = Png.Read(png);
            Assert.Equal((1280, 2000), (image.Width, image.Height));
            Assert.True(image.DistinctColours > 100, $"the screenshot has only {image.DistinctColours} colours");
            Assert.True(image.DominantShare < 0.9, $"one colour covers {image.DominantShare:P0} of the screenshot");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ------------------------------------------------------------------ the HTML text

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Chinese)]
    public void Text_from_the_data_is_escaped_and_the_tags_balance(Language language)
    {
        var schools = SyntheticResults.Liuzhou();
        schools[5] = schools[5] with { Name = "<script>alert(1)</script>", District = "\"A&B\" <区>" };
        var result = SyntheticResults.CapSweep(schools, s_caps, policy: "<b>policy</b> & 'more'", source: "<img src=x onerror=alert(2)>");

        var html = HtmlReport.Render(result, language);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>policy", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&quot;A&amp;B&quot; &lt;区&gt;", html);
        Assert.Contains("&lt;b&gt;policy&lt;/b&gt; &amp; &#39;more&#39;", html);
        var document = ParseXml(html);
        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Equal(new[] { "head", "body" }, document.Root.Elements().Select(e => e.Name.LocalName));
        AssertSelfContained(html);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_become_replacement_characters()
    {
        var schools = SyntheticResults.Liuzhou();
        schools[5] = schools[5] with { Name = "bad\u0001name\ud800end" };
        var html = HtmlReport.Render(SyntheticResults.CapSweep(schools, s_caps), Language.English);
        Assert.Contains("bad\uFFFDname\uFFFDend", html);
        ParseXml(html);
    }

    [Fact]
    public void A_baseline_alone_has_totals_and_distribution_but_nothing_to_compare()
    {
        var sweep = SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps);
        var result = new SimulationResult("baseline only", sweep.Data, sweep.Baseline, Array.Empty<ScenarioResult>());

        var html = HtmlReport.Render(result, Language.English);

        ParseXml(html);
        Assert.Contains("Only the baseline was simulated", html);
        Assert.Contains("9,244,000.00", html);
        Assert.DoesNotContain("id=\"sweep\"", html);
        Assert.DoesNotContain("id=\"headline\"", html);
        Assert.DoesNotContain("<details", html);
        Assert.Equal(2 * (3 + 4), Regex.Matches(html, "<rect[^>]*class=\"bar ").Count);
    }

    [Theory]
    [InlineData(Language.English)]
    [InlineData(Language.Chinese)]
    public void One_school_with_all_zero_measures_renders_without_NaN(Language language)
    {
        var school = new SyntheticResults.School("Z-1", "零号学校", "某区", SchoolLocation.Rural, Stage.Primary, 0, 0, 0m);
        var result = SyntheticResults.CapSweep(new[] { school }, new[] { 0m, 50m });

        var html = HtmlReport.Render(result, language);

        ParseXml(html);
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
        Assert.DoesNotContain("∞", html);
        Assert.Contains("0.00", html);
        Assert.Contains("0.0%", html);
        Assert.Matches("<polyline[^>]*class=\"series staff_pool\"", html);
    }

    [Fact]
    public void A_sweep_of_one_point_and_a_sweep_without_values_still_render()
    {
        var one = SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), new[] { 100m });
        ParseXml(HtmlReport.Render(one, Language.English));

        var sweep = SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps);
        var unvalued = new SimulationResult(sweep.Policy, sweep.Data, sweep.Baseline,
            sweep.Scenarios.Select(s => new ScenarioResult(s.Name, s.Label, s.Schools)).ToArray()) { SweepParameter = "fee_cap" };
        var html = HtmlReport.Render(unvalued, Language.English);
        ParseXml(html);
        Assert.Contains("The scenarios carry no swept values to plot.", html);
    }

    [Fact]
    public void Negative_changes_keep_their_sign_and_money_is_shown_to_the_fen()
    {
        Assert.Equal("1,234,567.89", ReportFormat.Money(1_234_567.891m));
        Assert.Equal("-1,234.50", ReportFormat.SignedMoney(-1_234.5m));
        Assert.Equal("+1,234.50", ReportFormat.SignedMoney(1_234.5m));
        Assert.Equal("0.00", ReportFormat.SignedMoney(-0.001m));
        Assert.Equal("0.00", ReportFormat.Money(-0.004m));
        Assert.Equal("-25.0%", ReportFormat.Percent(-50m, 200m));
        Assert.Equal("+25.0%", ReportFormat.Percent(50m, -200m));
        Assert.Equal("—", ReportFormat.Percent(5m, 0m));
        Assert.Equal("0.0%", ReportFormat.Percent(0m, 0m));
        Assert.Equal("6,770", ReportFormat.Count(6770m));
        Assert.Equal("12.50", ReportFormat.Count(12.5m));

        // A scenario that raises fees: families pay more, the subsidy falls to nothing (-100%).
        var schools = SyntheticResults.Liuzhou();
        var data = SyntheticResults.Data(schools);
        var baseline = new ScenarioResult("baseline", null, SyntheticResults.Measures(schools, 100m));
        var higher = new ScenarioResult("no_cap", "No cap", SyntheticResults.Measures(schools, null));
        var html = HtmlReport.Render(new SimulationResult("p", data, baseline, new[] { higher }), Language.English);
        Assert.Contains("-100.0%", html);
        Assert.Matches("Families pay more</th><td class=\"num\">9</td>", html);   // the nine schools above 100 CNY a month
    }

    [Fact]
    public void Negative_measures_draw_bars_to_the_left_of_zero()
    {
        var sweep = SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps);
        var refunds = SyntheticResults.Measures(SyntheticResults.Liuzhou(), 80m);
        for (var i = 0; i < refunds.FamilyPayments.Length; i++)
        {
            refunds.FamilyPayments[i] = -refunds.FamilyPayments[i];
            refunds.StaffPool[i] = -refunds.StaffPool[i];
        }
        var result = new SimulationResult("refunds", sweep.Data, sweep.Baseline, new[] { new ScenarioResult("refunds", null, refunds) });

        var html = HtmlReport.Render(result, Language.English);

        ParseXml(html);
        Assert.Contains("-5,238,800.00", html);
        Assert.Contains("-156.7%", html);   // staff pool 6,898,150.00 -> -5,520,060.00
        foreach (Match bar in Regex.Matches(html, "<rect[^>]*class=\"bar [^>]*width=\"([^\"]*)\""))
            Assert.True(double.Parse(bar.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 0, bar.Value);
    }

    [Fact]
    public void The_Chinese_page_is_in_Chinese()
    {
        var html = HtmlReport.Render(SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps), Language.Chinese);

        Assert.Contains("<html lang=\"zh-CN\">", html);
        foreach (var text in new[] { "家庭缴费", "财政补助", "人员报酬总额", "不合规学校", "谁受益，谁受损", "万元/学年", "按区县", "城区", "乡镇以下", "九年一贯制" })
            Assert.Contains(text, html);
        Assert.DoesNotContain("Family payments", html);
    }

    [Fact]
    public void Two_hundred_thousand_schools_make_a_small_page()
    {
        var result = SyntheticResults.Large(200_000, 300);
        var watch = Stopwatch.StartNew();

        var html = HtmlReport.Render(result, Language.English);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"rendering took {watch.Elapsed}");
        Assert.True(html.Length < 200_000, $"the page has {html.Length} characters");
        var document = ParseXml(html);
        var schoolRows = document.Descendants("table")
            .Single(t => ((string?)t.Attribute("class"))?.Contains("schools") == true)
            .Element("tbody")!.Elements("tr").Count();
        Assert.Equal(HtmlReport.ListedSchools, schoolRows);
        Assert.Contains("The first 20 of", html);
        Assert.Contains("Other 275 districts", html);
        Assert.Equal(2 * 2 * (HtmlReport.DistrictBars + 4), Regex.Matches(html, "<rect[^>]*class=\"bar ").Count);
    }

    [Fact]
    public void Write_replaces_the_file_at_once_and_leaves_nothing_else()
    {
        var dir = NewTempDirectory();
        try
        {
            var path = Path.Combine(dir, "report.html");
            File.WriteAllText(path, "old");
            HtmlReport.Write(SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps), path, Language.Chinese);

            Assert.Equal(new[] { path }, Directory.GetFiles(dir));
            var bytes = File.ReadAllBytes(path);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the page starts with a byte order mark");
            Assert.StartsWith("<!DOCTYPE html>", Encoding.UTF8.GetString(bytes));

            var missing = Path.Combine(dir, "no such folder", "report.html");
            Assert.ThrowsAny<IOException>(() => HtmlReport.Write(SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps), missing, Language.English));
            Assert.Equal(new[] { path }, Directory.GetFiles(dir, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Measures_for_the_wrong_number_of_schools_are_refused()
    {
        var sweep = SyntheticResults.CapSweep(SyntheticResults.Liuzhou(), s_caps);
        var wrong = new ScenarioResult("short", null, new SchoolMeasures(3));
        var result = new SimulationResult("p", sweep.Data, sweep.Baseline, new[] { wrong });
        var error = Assert.Throws<ArgumentException>(() => HtmlReport.Render(result, Language.English));
        Assert.Contains("'short' has measures for 3 schools, the data has 12", error.Message);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The page parsed as XML (after its doctype): fails unless every tag the report writes is balanced.</summary>
    private static XDocument ParseXml(string html)
    {
        const string doctype = "<!DOCTYPE html>";
        Assert.StartsWith(doctype, html);
        return XDocument.Parse(html[doctype.Length..]);
    }

    /// <summary>No script, no external stylesheet, font, image or frame, and no web address at all.</summary>
    private static void AssertSelfContained(string html)
    {
        Assert.DoesNotMatch("(?i)https?:", html);
        Assert.DoesNotMatch("(?i)(src|href)\\s*=\\s*[\"']?//", html);
        Assert.DoesNotMatch("(?i)<(script|link|img|iframe|object|embed|image|use)\\b", html);
        Assert.DoesNotMatch("(?i)@import|url\\(", html);
    }

    private static string NewTempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "policylang-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Headless Chromium, found at $CHROMIUM or /usr/bin/chromium; each run gets a fresh profile.</summary>
    private sealed class Chromium
    {
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);
        private readonly string _path;

        private Chromium(string path) => _path = path;

        public static Chromium Find()
        {
            var configured = Environment.GetEnvironmentVariable("CHROMIUM");
            var path = string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : configured;
            if (!File.Exists(path))
            {
                Assert.Fail($"Chromium is needed to render the HTML report but was not found at {path}. "
                            + "Install it (apt-get install -y chromium) or set CHROMIUM to its path.");
            }
            return new Chromium(path);
        }

        public string DumpDom(string htmlPath)
        {
            var (stdout, _) = Run("--dump-dom", new Uri(htmlPath).AbsoluteUri);
            Assert.False(string.IsNullOrWhiteSpace(stdout), "chromium --dump-dom printed nothing");
            return stdout;
        }

        public void Screenshot(string htmlPath, string pngPath, int width, int height)
        {
            Run($"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlPath).AbsoluteUri);
            Assert.True(File.Exists(pngPath), $"chromium wrote no screenshot at {pngPath}");
        }

        private (string Stdout, string Stderr) Run(params string[] arguments)
        {
            var profile = NewTempDirectory();
            try
            {
                var start = new ProcessStartInfo(_path)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var flag in new[]
                         {
                             "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--disable-dev-shm-usage", $"--user-data-dir={profile}",
                         })
                    start.ArgumentList.Add(flag);
                foreach (var argument in arguments) start.ArgumentList.Add(argument);

                using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {_path}");
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(s_timeout))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"chromium did not finish within {s_timeout.TotalSeconds} s: {string.Join(' ', arguments)}");
                }
                process.WaitForExit();
                if (process.ExitCode != 0)
                    Assert.Fail($"chromium exited with {process.ExitCode}: {Tail(stderr.Result)}");
                return (stdout.Result, stderr.Result);
            }
            finally
            {
                try
                {
                    Directory.Delete(profile, recursive: true);
                }
                catch (IOException)
                {
                    // A profile file still held by a dying helper process; the temp folder is cleaned eventually.
                }
            }
        }

        private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
    }

    /// <summary>Just enough of PNG to look at a screenshot: 8-bit RGB or RGBA, not interlaced.</summary>
    private static class Png
    {
        public sealed record Image(int Width, int Height, int DistinctColours, double DominantShare);

        public static Image Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var signature = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(signature), "the screenshot is not a PNG file");
            int width = 0, height = 0, channels = 0;
            using var idat = new MemoryStream();
            for (var at = 8; at + 8 <= bytes.Length;)
            {
                var length = BigEndian(bytes, at);
                var type = Encoding.ASCII.GetString(bytes, at + 4, 4);
                var data = bytes.AsSpan(at + 8, length);
                if (type == "IHDR")
                {
                    width = BigEndian(bytes, at + 8);
                    height = BigEndian(bytes, at + 12);
                    var (depth, colour, interlace) = (data[8], data[9], data[12]);
                    Assert.True(depth == 8 && (colour == 2 || colour == 6) && interlace == 0,
                        $"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}");
                    channels = colour == 6 ? 4 : 3;
                }
                else if (type == "IDAT")
                {
                    idat.Write(data);
                }
                else if (type == "IEND")
                {
                    break;
                }
                at += 12 + length;
            }
            Assert.True(width > 0 && height > 0, "the PNG has no image header");

            idat.Position = 0;
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            var stride = width * channels;
            var previous = new byte[stride];
            var row = new byte[stride];
            var counts = new Dictionary<int, int>();
            for (var y = 0; y < height; y++)
            {
                var filter = zlib.ReadByte();
                Assert.True(filter is >= 0 and <= 4, $"bad PNG filter {filter} on row {y}");
                zlib.ReadExactly(row);
                Unfilter(filter, row, previous, channels);
                for (var x = 0; x < stride; x += channels)
                {
                    var colour = (row[x] << 16) | (row[x + 1] << 8) | row[x + 2];
                    counts[colour] = counts.GetValueOrDefault(colour) + 1;
                }
                (previous, row) = (row, previous);
            }
            return new Image(width, height, counts.Count, counts.Values.Max() / (double)(width * height));
        }

        private static void Unfilter(int filter, byte[] row, byte[] previous, int bpp)
        {
            for (var i = 0; i < row.Length; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => 0,
                });
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int BigEndian(byte[] bytes, int at) =>
            (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    }
}
