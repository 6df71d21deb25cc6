//! YAML with positions: the front-matter and `nudge.yaml` are read into a
//! small tree whose every node knows its line and column, so that every
//! diagnostic about a value can point at it. serde-saphyr does the parsing,
//! under a tight budget that stops alias bombs and deep nesting early.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DefaultMessageFormatter, Error as SaphyrError, MessageFormatter, Spanned};

/// Most YAML nodes a front-matter may expand to, aliases included (SPEC A).
pub const MAX_NODES: usize = 10_000;
/// Deepest nesting a front-matter may have (SPEC A).
pub const MAX_DEPTH: usize = 64;

/// A YAML value and where it starts (1-based line and character column,
/// relative to the parsed text).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
    pub column: usize,
    /// Length in characters of the node's source text, when known (for
    /// underlining); 0 when unknown.
    pub len: usize,
}

/// The YAML 1.2 core schema's values.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// The YAML type's name, as diagnostics say it ("expected text, found a
    /// number").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true/false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// What a diagnostic says was found instead of the value wanted: text
    /// in quotes, anything else by its type ("found 'maybe'", "found a
    /// list").
    pub fn found(&self) -> String {
        match self {
            Value::Str(s) => format!("'{s}'"),
            other => other.type_name().to_owned(),
        }
    }

    /// The value as JSON, for templates. Map keys become strings.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Int(i) => (*i).into(),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Str(s) => s.clone().into(),
            Value::Seq(items) => items.iter().map(|n| n.value.to_json()).collect(),
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.value.key_text().into_owned(), v.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    /// A scalar as the text a key would be written with.
    pub fn key_text(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Bool(b) => Cow::Owned(b.to_string()),
            Value::Int(i) => Cow::Owned(i.to_string()),
            Value::Float(f) => Cow::Owned(f.to_string()),
            Value::Str(s) => Cow::Borrowed(s),
            Value::Seq(_) | Value::Map(_) => Cow::Borrowed(self.type_name()),
        }
    }

    /// Whether this is the text `text` (a key or value compared without
    /// building a value to compare with).
    pub fn is_str(&self, text: &str) -> bool {
        matches!(self, Value::Str(s) if s == text)
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
                Ok(Value::Int(i))
            }
            fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
                Ok(i64::try_from(u).map_or(Value::Float(u as f64), Value::Int))
            }
            fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
                Ok(Value::Float(f))
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::Str(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Value, E> {
                Ok(Value::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Node>()? {
                    items.push(item);
                }
                Ok(Value::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Node>()? {
                    let value = map.next_value::<Node>()?;
                    entries.push((key, value));
                }
                Ok(Value::Map(entries))
            }
        }
        d.deserialize_any(ValueVisitor)
    }
}

/// Stack kept free before descending into a nested YAML value; below it,
/// the descent continues on a fresh heap-allocated stack segment.
const STACK_RED_ZONE: usize = 256 * 1024;
/// Size of each extra stack segment.
const STACK_SEGMENT: usize = 2 * 1024 * 1024;

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Nesting is bounded by MAX_DEPTH, but each level costs several
        // frames; growing the stack on demand keeps deep (yet allowed)
        // front-matter from overflowing small thread stacks.
        let spanned = stacker::maybe_grow(STACK_RED_ZONE, STACK_SEGMENT, || {
            Spanned::<Value>::deserialize(d)
        })?;
        let at = spanned.referenced;
        Ok(Node {
            value: spanned.value,
            line: usize::try_from(at.line()).unwrap_or(0),
            column: usize::try_from(at.column()).unwrap_or(0),
            len: usize::try_from(at.span().len()).unwrap_or(0),
        })
    }
}

/// A YAML text that could not be read, with the position of the problem
/// (1-based, relative to the parsed text; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

/// Parses YAML text into a positioned tree, with nudge's budget: at most
/// [`MAX_NODES`] nodes after alias expansion, at most [`MAX_DEPTH`] deep,
/// duplicate keys refused.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    // The usual front-matter takes the fast path, which gives the same tree
    // or declines.
    match super::simple_yaml::parse(text) {
        Some(node) => Ok(node),
        None => parse_fully(text),
    }
}

/// [`parse`] by the full YAML reader alone.
pub fn parse_fully(text: &str) -> Result<Node, YamlError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: MAX_NODES,
            max_depth: MAX_DEPTH,
            max_events: 4 * MAX_NODES,
            max_aliases: MAX_NODES,
            max_anchors: MAX_NODES,
            max_documents: 1,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_NODES,
            max_replay_stack_depth: MAX_DEPTH,
        },
        strict_booleans: true,
        with_snippet: false,
        // `.nan` or `1e999` in an extra key is odd, not an error: kept as text.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|e| describe(&e))
}

/// Turns a serde-saphyr error into words for a job seeker, with a fix.
fn describe(error: &SaphyrError) -> YamlError {
    let (line, column) = error
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let mut inner = error.without_snippet();
    if let SaphyrError::AliasError { error, .. } = inner {
        inner = error.as_ref();
    }
    let (message, help) = match inner {
        SaphyrError::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("duplicate key `{k}`"),
                None => "duplicate key".to_owned(),
            },
            "a key may appear only once: remove or rename one of them".to_owned(),
        ),
        SaphyrError::Budget { .. } => (
            "the YAML is too large or nested too deeply".to_owned(),
            format!(
                "nudge reads at most {} YAML values nested at most {MAX_DEPTH} deep; simplify it",
                grouped(MAX_NODES)
            ),
        ),
        SaphyrError::AliasReplayLimitExceeded { .. }
        | SaphyrError::AliasExpansionLimitExceeded { .. }
        | SaphyrError::AliasReplayStackDepthExceeded { .. }
        | SaphyrError::AliasReplayCounterOverflow { .. } => (
            format!(
                "YAML aliases expand to more than {} values",
                grouped(MAX_NODES)
            ),
            "write the values out instead of using anchors (`&name`) and aliases (`*name`)"
                .to_owned(),
        ),
        SaphyrError::UnknownAnchor { .. } => (
            "alias to an anchor that is not defined".to_owned(),
            "define the anchor (`&name`) before using it (`*name`), or write the value out"
                .to_owned(),
        ),
        other => (
            DefaultMessageFormatter.format_message(other).into_owned(),
            "check the YAML syntax here; text containing `: ` or ` #` must be put in quotes"
                .to_owned(),
        ),
    };
    YamlError {
        line,
        column,
        message,
        help,
    }
}

/// A count with thousands separated: 10,000.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Value;
    use std::borrow::Cow;

    #[test]
    fn keys_are_read_without_copies() {
        let company = Value::Str("company".into());
        assert!(company.is_str("company"));
        assert!(!company.is_str("Company"));
        assert!(!Value::Int(1).is_str("1"));
        assert!(matches!(company.key_text(), Cow::Borrowed("company")));
        assert_eq!(Value::Int(12).key_text(), "12");
        assert_eq!(Value::Bool(true).key_text(), "true");
        assert_eq!(Value::Null.key_text(), "");
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(super::grouped(10_000), "10,000");
        assert_eq!(super::grouped(64), "64");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
    }

    use super::*;

    fn map(text: &str) -> Vec<(Node, Node)> {
        match parse(text).unwrap().value {
            Value::Map(m) => m,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn nodes_know_their_positions() {
        let m = map("company: Black Mesa\ncontacts:\n  - name: Eli\n");
        assert_eq!(m[0].0.value, Value::Str("company".into()));
        assert_eq!((m[0].1.line, m[0].1.column), (1, 10));
        let Value::Seq(items) = &m[1].1.value else {
            panic!()
        };
        let Value::Map(contact) = &items[0].value else {
            panic!()
        };
        assert_eq!((contact[0].1.line, contact[0].1.column), (3, 11));
    }

    #[test]
    fn core_schema_yes_and_dates_are_strings_and_empty_is_null() {
        let m = map("a: yes\nb: 2026-11-28\nc:\nd: 1234\ne: true\n");
        assert_eq!(m[0].1.value, Value::Str("yes".into()));
        assert_eq!(m[1].1.value, Value::Str("2026-11-28".into()));
        assert_eq!(m[2].1.value, Value::Null);
        assert_eq!(m[3].1.value, Value::Int(1234));
        assert_eq!(m[4].1.value, Value::Bool(true));
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let e = parse("company: A\ncompany: B\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.message, "duplicate key `company`");
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let (prev, cur) = (w[0], w[1]);
            let refs = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("aliases expand"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("x: {}{}\n", "[".repeat(100), "]".repeat(100));
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{e:?}");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse("company: a\n  position: b\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.column > 0);
    }
}
