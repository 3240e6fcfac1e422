using PolicyLang.Simulation.Data;
using PolicyLang.Simulation.Model;

namespace PolicyLang.Simulation.Output;

/// <summary>Lays out the sections of the HTML report (see <see cref="HtmlReport"/>).</summary>
internal sealed class ReportPage
{
    // Colours: a neutral grey for the baseline, one hue per measure, warm for "pays more", green for "pays less".
    private const string BaselineColor = "#a7b0bd";
    private const string ScenarioColor = "#2563eb";
    private const string FamilyColor = "#2563eb";
    private const string SubsidyColor = "#d97706";
    private const string StaffColor = "#059669";
    private const string MoreColor = "#dc6a2c";
    private const string SameColor = "#b8c0cc";
    private const string LessColor = "#2f9e6b";

    private readonly SimulationResult _result;
    private readonly DistrictData _data;
    private readonly ReportText _text;
    private readonly HtmlWriter _w = new();
    private readonly Grouping _districts;
    private readonly Grouping _locations;
    private readonly Grouping _stages;

    public ReportPage(SimulationResult result, ReportText text)
    {
        _result = result;
        _data = result.Data;
        _text = text;
        _districts = Grouping.ByDistrict(_data, text.None);
        _locations = Grouping.ByLocation(_data, text);
        _stages = Grouping.ByStage(_data, text);
    }

    private ScenarioResult Baseline => _result.Baseline;
    private IReadOnlyList<ScenarioResult> Scenarios => _result.Scenarios;
    private ScenarioResult? First => Scenarios.Count > 0 ? Scenarios[0] : null;
    private bool IsSweep => !string.IsNullOrEmpty(_result.SweepParameter);

    public string Render()
    {
        _w.Raw("<!DOCTYPE html>\n");
        _w.Open("html", ("lang", _text.HtmlLang));
        _w.Open("head");
        _w.Empty("meta", ("charset", "utf-8"));
        _w.Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        _w.Empty("meta", ("name", "generator"), ("content", "PolicyLang"));
        _w.Element("title", _text.PageTitle(_result.Policy));
        _w.Open("style").Raw(ReportStyle.Css).Close("style");
        _w.Close("head");
        _w.Open("body");
        _w.Open("main");
        Header();
        if (First is { } first) Headline(first);
        Totals();
        if (IsSweep) Sweep();
        Distribution();
        GainsAndLosses();
        _w.Element("footer", _text.Footer);
        _w.Close("main");
        _w.Close("body");
        _w.Close("html");
        _w.Raw("\n");
        return _w.ToString();
    }

    private static string Name(ScenarioResult scenario) =>
        string.IsNullOrWhiteSpace(scenario.Label) ? scenario.Name : scenario.Label!;

    /// <summary>The baseline is simply called "baseline", so the translated word stands for it.</summary>
    private bool IsPlainBaseline => string.Equals(Name(Baseline), "baseline", StringComparison.OrdinalIgnoreCase);

    private string SweepAxisTitle =>
        string.IsNullOrEmpty(_result.SweepUnit) ? _result.SweepParameter! : $"{_result.SweepParameter} ({_result.SweepUnit})";

    private string SweepValue(decimal value) =>
        string.IsNullOrEmpty(_result.SweepUnit) ? ReportFormat.Plain(value) : $"{ReportFormat.Plain(value)} {_result.SweepUnit}";

    // ---------------------------------------------------------------- header

    private void Header()
    {
        _w.Open("header", ("class", "page-header"));
        _w.Element("p", _text.Eyebrow, ("class", "eyebrow"));
        _w.Element("h1", _result.Policy);
        _w.Open("dl", ("class", "meta"));
        Meta(_text.DataSource, string.IsNullOrWhiteSpace(_data.Source) ? "—" : _data.Source, "source");
        Meta(_text.Schools, ReportFormat.Count(_data.SchoolCount), null);
        Meta(_text.Districts, ReportFormat.Count(_districts.Count), null);
        Meta(_text.ScenarioCount, ReportFormat.Count(Scenarios.Count), null);
        if (IsSweep) Meta(_text.SweepOf, SweepAxisTitle, null);
        _w.Close("dl");
        _w.Element("p", _text.MoneyNote, ("class", "note"));
        _w.Close("header");
    }

    private void Meta(string term, string value, string? cssClass)
    {
        _w.Open("div", ("class", cssClass));
        _w.Element("dt", term);
        _w.Element("dd", value);
        _w.Close("div");
    }

    // ---------------------------------------------------------------- at a glance

    private void Headline(ScenarioResult first)
    {
        var b = Baseline.Totals;
        var s = first.Totals;
        _w.Open("section", ("class", "card"), ("id", "headline"));
        _w.Element("h2", _text.Headline);
        _w.Element("p", _text.HeadlineIntro(Name(first)), ("class", "intro"));
        _w.Open("div", ("class", "kpis"));
        MoneyKpi(_text.FamilyPayments, b.FamilyPayments, s.FamilyPayments, FamilyColor);
        MoneyKpi(_text.SubsidyCost, b.SubsidyCost, s.SubsidyCost, SubsidyColor);
        MoneyKpi(_text.StaffPool, b.StaffPool, s.StaffPool, StaffColor);
        var newly = 0;
        for (var i = 0; i < _data.SchoolCount; i++)
            if (first.Schools.Noncompliant[i] && !Baseline.Schools.Noncompliant[i]) newly++;
        _w.Open("div", ("class", "kpi"), ("style", $"border-top-color:{MoreColor}"));
        _w.Element("div", _text.NewlyNoncompliant, ("class", "kpi-label"));
        _w.Element("div", ReportFormat.Count(newly), ("class", "kpi-value"));
        _w.Element("div", _text.SchoolUnitLong, ("class", "kpi-pct"));
        _w.Element("div", $"{_text.NoncompliantSchools}: {_text.FromTo(ReportFormat.Count(b.NoncompliantSchools), ReportFormat.Count(s.NoncompliantSchools))}",
            ("class", "kpi-sub"));
        _w.Close("div");
        _w.Close("div");
        _w.Close("section");
    }

    private void MoneyKpi(string label, decimal baseline, decimal scenario, string color)
    {
        var change = scenario - baseline;
        _w.Open("div", ("class", "kpi"), ("style", $"border-top-color:{color}"));
        _w.Element("div", label, ("class", "kpi-label"));
        var value = ReportFormat.SignedMoney(change);
        _w.Element("div", value, ("class", value.Length > 17 ? "kpi-value smaller" : value.Length > 14 ? "kpi-value small" : "kpi-value"));
        _w.Element("div", ReportFormat.Percent(change, baseline), ("class", change > 0 ? "kpi-pct pos" : change < 0 ? "kpi-pct neg" : "kpi-pct"));
        _w.Element("div", _text.FromTo(ReportFormat.Money(baseline), ReportFormat.Money(scenario)), ("class", "kpi-sub"));
        _w.Close("div");
    }

    // ---------------------------------------------------------------- totals

    private void Totals()
    {
        _w.Open("section", ("class", "card"), ("id", "totals"));
        _w.Element("h2", _text.TotalsTitle);
        _w.Element("p", Scenarios.Count == 0 ? _text.BaselineOnly : _text.TotalsIntro, ("class", "intro"));
        _w.Open("div", ("class", "table-wrap"));
        _w.Open("table", ("class", "totals"));
        _w.Open("thead").Open("tr");
        _w.Element("th", _text.Scenario);
        if (IsSweep) MeasureHeader(_result.SweepParameter!, _result.SweepUnit ?? string.Empty);
        MeasureHeader(_text.Participants, _text.PeopleUnit);
        MeasureHeader(_text.FamilyPayments, _text.MoneyUnit);
        MeasureHeader(_text.SubsidyCost, _text.MoneyUnit);
        MeasureHeader(_text.SchoolRevenue, _text.MoneyUnit);
        MeasureHeader(_text.StaffPool, _text.MoneyUnit);
        MeasureHeader(_text.NoncompliantSchools, _text.SchoolUnit);
        _w.Close("tr").Close("thead");

        _w.Open("tbody");
        var b = Baseline.Totals;
        foreach (var scenario in _result.All)
        {
            var isBaseline = ReferenceEquals(scenario, Baseline);
            var t = scenario.Totals;
            _w.Open("tr", ("class", isBaseline ? "baseline" : null));
            _w.Open("th", ("scope", "row"));
            if (isBaseline && IsPlainBaseline)
            {
                _w.Text(_text.Baseline);
            }
            else
            {
                _w.Text(Name(scenario));
                if (isBaseline) _w.Element("span", _text.Baseline, ("class", "tag"));
            }
            _w.Close("th");
            if (IsSweep) _w.Element("td", scenario.SweepValue is { } v ? ReportFormat.Plain(v) : "—", ("class", "num"));
            TotalCell(t.Participants, b.Participants, isBaseline, money: false);
            TotalCell(t.FamilyPayments, b.FamilyPayments, isBaseline, money: true);
            TotalCell(t.SubsidyCost, b.SubsidyCost, isBaseline, money: true);
            TotalCell(t.SchoolRevenue, b.SchoolRevenue, isBaseline, money: true);
            TotalCell(t.StaffPool, b.StaffPool, isBaseline, money: true);
            TotalCell(t.NoncompliantSchools, b.NoncompliantSchools, isBaseline, money: false);
            _w.Close("tr");
        }
        _w.Close("tbody");
        _w.Close("table");
        _w.Close("div");
        _w.Close("section");
    }

    private void MeasureHeader(string measure, string unit)
    {
        _w.Open("th", ("class", "num"));
        _w.Text(measure);
        _w.Element("span", unit, ("class", "unit"));
        _w.Close("th");
    }

    private void TotalCell(decimal value, decimal baseline, bool isBaseline, bool money)
    {
        _w.Open("td", ("class", "num"));
        _w.Element("span", money ? ReportFormat.Money(value) : ReportFormat.Count(value), ("class", "value"));
        if (!isBaseline)
        {
            var change = value - baseline;
            var direction = change > 0 ? "delta pos" : change < 0 ? "delta neg" : "delta zero";
            _w.Open("span", ("class", direction));
            _w.Text(money ? ReportFormat.SignedMoney(change) : ReportFormat.SignedCount(change));
            _w.Element("span", ReportFormat.Percent(change, baseline), ("class", "pct"));
            _w.Close("span");
        }
        _w.Close("td");
    }

    // ---------------------------------------------------------------- sweep

    private void Sweep()
    {
        var parameter = _result.SweepParameter!;
        _w.Open("section", ("class", "card"), ("id", "sweep"));
        _w.Element("h2", _text.SweepTitle(parameter));
        _w.Element("p", _text.SweepIntro(parameter), ("class", "intro"));
        var points = Scenarios.Where(s => s.SweepValue is not null).ToArray();
        if (points.Length == 0)
        {
            _w.Element("p", _text.SweepNoValues, ("class", "empty"));
        }
        else
        {
            var x = points.Select(s => (double)s.SweepValue!.Value).ToArray();
            var series = new[]
            {
                new Series("family_payments", _text.FamilyPayments, points.Select(s => (double)s.Totals.FamilyPayments).ToArray(), FamilyColor, null, Marker.Circle),
                new Series("subsidy_cost", _text.SubsidyCost, points.Select(s => (double)s.Totals.SubsidyCost).ToArray(), SubsidyColor, "9 6", Marker.Square),
                new Series("staff_pool", _text.StaffPool, points.Select(s => (double)s.Totals.StaffPool).ToArray(), StaffColor, "2 5", Marker.Diamond),
            };
            _w.Open("figure");
            var b = Baseline.Totals;
            SvgCharts.Line(_w, _text, _text.SweepTitle(parameter), x, series, SweepAxisTitle,
                v => ReportFormat.Plain((decimal)v),
                new[] { (double)b.FamilyPayments, (double)b.SubsidyCost, (double)b.StaffPool }, _text.BaselineLines);
            _w.Close("figure");
        }
        _w.Close("section");
    }

    // ---------------------------------------------------------------- distribution

    private void Distribution()
    {
        var first = First;
        _w.Open("section", ("class", "card"), ("id", "distribution"));
        _w.Element("h2", _text.DistributionTitle);
        _w.Element("p", first is null ? _text.DistributionBaselineOnly : _text.DistributionIntro(Name(first)), ("class", "intro"));

        // The same districts in both district charts: the largest by baseline school revenue when there are many.
        var revenue = _districts.Sum(Baseline.Schools.SchoolRevenue);
        var shown = _districts.Count <= HtmlReport.DistrictBars
            ? Enumerable.Range(0, _districts.Count).ToArray()
            : Enumerable.Range(0, _districts.Count).OrderByDescending(g => revenue[g]).ThenBy(g => g).Take(HtmlReport.DistrictBars).ToArray();

        _w.Open("div", ("class", "grid2"));
        DistributionChart(_text.FamilyPayments, _text.ByDistrict, _districts, shown, m => m.FamilyPayments, first);
        DistributionChart(_text.StaffPool, _text.ByDistrict, _districts, shown, m => m.StaffPool, first);
        var allLocations = Enumerable.Range(0, _locations.Count).ToArray();
        DistributionChart(_text.FamilyPayments, _text.ByLocation, _locations, allLocations, m => m.FamilyPayments, first);
        DistributionChart(_text.StaffPool, _text.ByLocation, _locations, allLocations, m => m.StaffPool, first);
        _w.Close("div");
        if (shown.Length < _districts.Count)
            _w.Element("p", _text.TopShown(shown.Length, _districts.Count), ("class", "note"));
        _w.Close("section");
    }

    private void DistributionChart(string measure, string by, Grouping grouping, int[] shown,
        Func<SchoolMeasures, decimal[]> values, ScenarioResult? scenario)
    {
        var title = _text.ChartTitle(measure, by);
        var categories = shown.Select(g => grouping.Names[g]).ToArray();

        double[] Values(ScenarioResult s)
        {
            var sums = grouping.Sum(values(s.Schools));
            return shown.Select(g => (double)sums[g]).ToArray();
        }

        var series = new List<Series> { new("baseline", _text.Baseline, Values(Baseline), BaselineColor) };
        if (scenario is not null) series.Add(new("scenario", Name(scenario), Values(scenario), ScenarioColor));

        _w.Open("figure");
        _w.Element("figcaption", title);
        SvgCharts.Bars(_w, _text, title, categories, series);
        _w.Close("figure");
    }

    // ---------------------------------------------------------------- who gains and who loses

    private void GainsAndLosses()
    {
        _w.Open("section", ("class", "card"), ("id", "gains"));
        _w.Element("h2", _text.GainsTitle);
        if (Scenarios.Count == 0)
        {
            _w.Element("p", _text.BaselineOnly, ("class", "empty"));
            _w.Close("section");
            return;
        }
        _w.Element("p", _text.GainsIntro, ("class", "intro"));
        var detailed = Math.Min(Scenarios.Count, HtmlReport.DetailedScenarios);
        for (var k = 0; k < detailed; k++)
        {
            var scenario = Scenarios[k];
            _w.Open("details", ("class", "scenario"), ("open", k == 0 ? "open" : null));
            _w.Open("summary");
            _w.Text(_text.VersusBaseline(Name(scenario)));
            if (IsSweep && scenario.SweepValue is { } v)
                _w.Element("span", $"{_result.SweepParameter} = {SweepValue(v)}", ("class", "tag"));
            _w.Close("summary");
            ScenarioGains(scenario);
            _w.Close("details");
        }
        if (detailed < Scenarios.Count)
            _w.Element("p", _text.ScenariosDetailed(detailed, Scenarios.Count), ("class", "note"));
        _w.Close("section");
    }

    private void ScenarioGains(ScenarioResult scenario)
    {
        var c = Comparison.Of(_data, Baseline.Schools, scenario.Schools, HtmlReport.ListedSchools);
        var total = _data.SchoolCount;

        _w.Element("h3", _text.PerParticipantTitle);
        SvgCharts.ShareBar(_w, _text.PerParticipantTitle, new[]
        {
            (_text.PayMore, c.More, MoreColor),
            (_text.PaySame, c.Same, SameColor),
            (_text.PayLess, c.Less, LessColor),
        });
        _w.Open("div", ("class", "table-wrap"));
        _w.Open("table", ("class", "compact per-participant"));
        _w.Open("thead").Open("tr");
        _w.Element("th", string.Empty);
        _w.Element("th", _text.Schools, ("class", "num"));
        _w.Element("th", _text.ShareOfSchools, ("class", "num"));
        _w.Element("th", _text.ParticipantsBaseline, ("class", "num"));
        _w.Element("th", _text.AverageChange, ("class", "num"));
        _w.Close("tr").Close("thead");
        _w.Open("tbody");
        GainRow(_text.PayMore, MoreColor, c.More, total, c.MoreParticipants, c.MoreAverage);
        GainRow(_text.PayLess, LessColor, c.Less, total, c.LessParticipants, c.LessAverage);
        GainRow(_text.PaySame, SameColor, c.Same, total, c.SameParticipants, c.Same > 0 ? 0m : null);
        _w.Close("tbody");
        _w.Close("table");
        _w.Close("div");

        _w.Element("h3", _text.NoncompliantTitle);
        if (c.NewlyNoncompliantCount == 0)
        {
            _w.Element("p", _text.NoneNewlyNoncompliant, ("class", "empty"));
        }
        else
        {
            var listed = c.NewlyNoncompliant.Count < c.NewlyNoncompliantCount
                ? " " + _text.ListedOf(c.NewlyNoncompliant.Count, c.NewlyNoncompliantCount)
                : string.Empty;
            _w.Element("p", _text.NewlyNoncompliantCount(c.NewlyNoncompliantCount) + listed);
            _w.Open("div", ("class", "table-wrap"));
            _w.Open("table", ("class", "compact schools"));
            _w.Open("thead").Open("tr");
            _w.Element("th", _text.School);
            _w.Element("th", _text.SchoolId);
            _w.Element("th", _text.District);
            _w.Element("th", _text.Location);
            _w.Element("th", _text.FeeToday, ("class", "num"));
            _w.Element("th", _text.Cap, ("class", "num"));
            _w.Close("tr").Close("thead");
            _w.Open("tbody");
            foreach (var i in c.NewlyNoncompliant)
            {
                _w.Open("tr");
                _w.Element("td", _data.Name[i] ?? string.Empty, ("class", "school-name"));
                _w.Element("td", _data.SchoolId[i] ?? string.Empty, ("class", "id"));
                _w.Element("td", _data.District[i] ?? string.Empty);
                _w.Element("td", _text.LocationName(_data.Location[i]));
                _w.Element("td", ReportFormat.Money(_data.FeePerMonth[i]), ("class", "num"));
                _w.Element("td", scenario.Schools.Cap[i] is { } cap ? ReportFormat.Money(cap) : _text.None, ("class", "num"));
                _w.Close("tr");
            }
            _w.Close("tbody");
            _w.Close("table");
            _w.Close("div");
        }
        if (c.NoLongerNoncompliantCount > 0)
            _w.Element("p", _text.NoLongerNoncompliant(c.NoLongerNoncompliantCount), ("class", "note"));

        _w.Element("h3", _text.StaffPoolChangeTitle);
        StaffPoolTable(_text.ChartTitle(_text.StaffPool, _text.ByDistrict), _text.District, _districts, scenario, limitRows: true);
        StaffPoolTable(_text.ChartTitle(_text.StaffPool, _text.ByLocation), _text.Location, _locations, scenario, limitRows: false);
        StaffPoolTable(_text.ChartTitle(_text.StaffPool, _text.ByStage), _text.Stage, _stages, scenario, limitRows: false);
    }

    private void GainRow(string label, string color, int schools, int total, decimal participants, decimal? average)
    {
        _w.Open("tr");
        _w.Open("th", ("scope", "row"));
        _w.Open("span", ("class", "swatch"), ("style", $"background:{color}")).Close("span");
        _w.Text(label);
        _w.Close("th");
        _w.Element("td", ReportFormat.Count(schools), ("class", "num"));
        _w.Element("td", ReportFormat.Share(schools, total), ("class", "num"));
        _w.Element("td", ReportFormat.Count(participants), ("class", "num"));
        _w.Element("td", average is { } a ? ReportFormat.SignedMoney(a) : "—", ("class", "num"));
        _w.Close("tr");
    }

    private void StaffPoolTable(string caption, string groupName, Grouping grouping, ScenarioResult scenario, bool limitRows)
    {
        var before = grouping.Sum(Baseline.Schools.StaffPool);
        var after = grouping.Sum(scenario.Schools.StaffPool);
        var rows = Enumerable.Range(0, grouping.Count).ToArray();
        var rest = Array.Empty<int>();
        if (limitRows && grouping.Count > HtmlReport.DistrictRows + 1)
        {
            var byChange = rows.OrderByDescending(g => Math.Abs(after[g] - before[g])).ThenBy(g => g).ToArray();
            rows = byChange.Take(HtmlReport.DistrictRows).ToArray();
            rest = byChange.Skip(HtmlReport.DistrictRows).ToArray();
        }

        _w.Open("div", ("class", "table-wrap"));
        _w.Open("table", ("class", "compact staff-pool"));
        _w.Element("caption", caption);
        _w.Open("colgroup");
        foreach (var width in new[] { "28%", "10%", "17%", "17%", "17%", "11%" })
            _w.Open("col", ("style", "width:" + width)).Close("col");
        _w.Close("colgroup");
        _w.Open("thead").Open("tr");
        _w.Element("th", groupName);
        _w.Element("th", _text.Schools, ("class", "num"));
        _w.Element("th", _text.Baseline, ("class", "num"));
        _w.Element("th", Name(scenario), ("class", "num"));
        _w.Element("th", _text.Change, ("class", "num"));
        _w.Element("th", _text.ChangePercent, ("class", "num"));
        _w.Close("tr").Close("thead");
        _w.Open("tbody");
        foreach (var g in rows)
            StaffPoolRow(grouping.Names[g], grouping.Schools[g], before[g], after[g], null);
        if (rest.Length > 0)
            StaffPoolRow(_text.OtherDistricts(rest.Length), rest.Sum(g => grouping.Schools[g]),
                rest.Sum(g => before[g]), rest.Sum(g => after[g]), "other");
        _w.Close("tbody");
        _w.Open("tfoot");
        StaffPoolRow(_text.Total, _data.SchoolCount, before.Sum(), after.Sum(), "total");
        _w.Close("tfoot");
        _w.Close("table");
        _w.Close("div");
        if (rest.Length > 0)
            _w.Element("p", _text.LargestShown(rows.Length, grouping.Count), ("class", "note"));
    }

    private void StaffPoolRow(string name, int schools, decimal before, decimal after, string? cssClass)
    {
        var change = after - before;
        _w.Open("tr", ("class", cssClass));
        _w.Element("th", name, ("scope", "row"));
        _w.Element("td", ReportFormat.Count(schools), ("class", "num"));
        _w.Element("td", ReportFormat.Money(before), ("class", "num"));
        _w.Element("td", ReportFormat.Money(after), ("class", "num"));
        _w.Element("td", ReportFormat.SignedMoney(change), ("class", change > 0 ? "num pos" : change < 0 ? "num neg" : "num"));
        _w.Element("td", ReportFormat.Percent(change, before), ("class", "num"));
        _w.Close("tr");
    }
}
