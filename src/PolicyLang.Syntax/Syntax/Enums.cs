namespace PolicyLang.Syntax;

public enum SectionKind { Window, Fee, Subsidy, Pay, Staffing, Eligibility, Homework, Calendar }

public enum HeaderItemKind { Title, Issuer, Document, Level, Effective, Applies, Extends }

/// <summary>The shape of a section line; which shapes a section allows is fixed by the grammar.</summary>
public enum SectionItemForm
{
    Days,        // days mon..fri
    Period,      // period 40 min
    Within,      // end within 1..2 periods after dismissal
    Bound,       // start|end not before 18:30
    Segment,     // segment late_care 16:30..18:00
    Duration,    // at least 2 h per day
    Cap,         // cap [name:] 100 CNY per student per month | cap none
    Waive,       // waive registered_poverty, minimum_living [partial 50%]
    Refund,      // refund prorated
    Free,        // free
    CollectedBy, // collected_by school
    Amount,      // subsidy line: [name:] 1 CNY per student per day
    Named,       // name [comparator] value: pay, staffing, homework, calendar lines
    Forbid,      // forbid management_fee
    Require,     // require voluntary, written_application
    Only,        // only {in_service_teacher, staff}
    Priority,    // priority disabled, migrant
}

public enum ComparatorKind
{
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    AtLeast, AtMost, NotBefore, NotAfter, In, NotIn,
}

public enum BinaryOperatorKind { Or, And, Add, Subtract, Multiply, Divide, Of, Range }

public enum UnaryOperatorKind { Not, Negate }

public enum QuantifierKind { Any, All, No }

public enum LiteralKind { Number, Percent, Date, Time, Text, True, False }

public enum QuantityKind { Money, Duration, Periods, Ratio }

public enum RuleMode { Require, Forbid }
