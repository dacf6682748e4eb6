//! A position-keeping reading of RON text, so that problems found in the typed level can be
//! reported at the line and column of the field that causes them.

/// A 1-based line and column (columns count characters, like ron's own errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    /// The first character of the file.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// One step of a path from the top of the file to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A named field of a struct or struct-like enum variant.
    Field(&'static str),
    /// An element of a list, or the n-th value of a tuple or newtype variant.
    Index(usize),
    /// The value stored under a map key.
    Key(String),
}

/// A path from the top of the file to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The path to the whole file.
    pub fn root() -> Self {
        Path(Vec::new())
    }

    /// This path, then the field `name`.
    pub fn field(&self, name: &'static str) -> Self {
        self.with(Seg::Field(name))
    }

    /// This path, then element `index`.
    pub fn index(&self, index: usize) -> Self {
        self.with(Seg::Index(index))
    }

    /// This path, then map key `key`.
    pub fn key(&self, key: &str) -> Self {
        self.with(Seg::Key(key.to_owned()))
    }

    fn with(&self, seg: Seg) -> Self {
        let mut segs = self.0.clone();
        segs.push(seg);
        Path(segs)
    }
}

/// A value in the text, with where it starts and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub start: Pos,
    pub end: Pos,
    pub kind: NodeKind,
}

/// The shape of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `Name(...)` or `(...)`: named fields and/or positional values.
    Group {
        name: Option<String>,
        fields: Vec<(String, Node)>,
        items: Vec<Node>,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// A string (its contents kept, for map keys).
    Str(String),
    /// A number, identifier or character, as written.
    Atom(String),
}

impl Node {
    /// Parses RON text; `None` if it is not well-formed.
    pub fn parse(src: &str) -> Option<Node> {
        let mut reader = Reader { chars: src.chars().collect(), at: 0, pos: Pos::START };
        reader.skip_trivia();
        reader.skip_attributes()?;
        reader.value(0)
    }

    /// The node at `path`, or the deepest node on the way when the path leaves the text
    /// (a field left out, so its default was used).
    pub fn locate(&self, path: &Path) -> &Node {
        let mut node = self;
        for seg in &path.0 {
            match node.child(seg) {
                Some(child) => node = child,
                None => break,
            }
        }
        node
    }

    fn child(&self, seg: &Seg) -> Option<&Node> {
        let node = self.unwrap_some();
        match (&node.kind, seg) {
            (NodeKind::Group { fields, .. }, Seg::Field(name)) => {
                fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.unwrap_some())
            }
            (NodeKind::Group { items, .. }, Seg::Index(i)) | (NodeKind::List(items), Seg::Index(i)) => items.get(*i),
            (NodeKind::Map(entries), Seg::Key(key)) => {
                entries.iter().find(|(k, _)| matches!(&k.kind, NodeKind::Str(s) if s == key)).map(|(_, value)| value)
            }
            _ => None,
        }
    }

    /// Every value below this one (itself first), depth first.
    pub fn walk(&self) -> Vec<&Node> {
        let mut all = vec![self];
        let mut index = 0;
        while index < all.len() {
            let node = all[index];
            match &node.kind {
                NodeKind::Group { fields, items, .. } => {
                    all.extend(fields.iter().map(|(_, value)| value));
                    all.extend(items.iter());
                }
                NodeKind::List(items) => all.extend(items.iter()),
                NodeKind::Map(entries) => {
                    for (key, value) in entries {
                        all.push(key);
                        all.push(value);
                    }
                }
                NodeKind::Str(_) | NodeKind::Atom(_) => {}
            }
            index += 1;
        }
        all
    }

    /// Map keys written twice in one map: the key, where it first stands and where again.
    /// (A map keeps only the last of them, silently.)
    pub fn duplicate_keys(&self) -> Vec<(String, &Node, &Node)> {
        let mut found = Vec::new();
        for node in self.walk() {
            if let NodeKind::Map(entries) = &node.kind {
                for (index, (key, _)) in entries.iter().enumerate() {
                    let NodeKind::Str(text) = &key.kind else { continue };
                    let first = entries[..index].iter().find(|(k, _)| matches!(&k.kind, NodeKind::Str(t) if t == text));
                    if let Some((first, _)) = first {
                        found.push((text.clone(), first, key));
                    }
                }
            }
        }
        found
    }

    /// Numbers written as NaN or infinity (`NaN`, `inf`, `-inf`, or too large to hold).
    pub fn non_finite_numbers(&self) -> Vec<&Node> {
        self.walk()
            .into_iter()
            .filter(|node| match &node.kind {
                NodeKind::Atom(text) => {
                    let digits = text.trim_start_matches(['+', '-']);
                    matches!(digits, "inf" | "NaN" | "nan" | "infinity")
                        || (digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                            && text.replace('_', "").parse::<f64>().is_ok_and(|n| !n.is_finite()))
                }
                _ => false,
            })
            .collect()
    }

    /// `Some(x)` reads as `x` (implicit `Some` makes both spellings legal).
    fn unwrap_some(&self) -> &Node {
        match &self.kind {
            NodeKind::Group { name: Some(name), fields, items }
                if name == "Some" && fields.is_empty() && items.len() == 1 =>
            {
                &items[0]
            }
            _ => self,
        }
    }
}

/// Deepest nesting accepted, far beyond any sane level file.
const MAX_DEPTH: usize = 128;

struct Reader {
    chars: Vec<char>,
    at: usize,
    pos: Pos,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let mut depth = 0usize;
                    while let Some(c) = self.bump() {
                        if c == '/' && self.eat('*') {
                            depth += 1;
                        } else if c == '*' && self.eat('/') {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips `#![enable(...)]` lines.
    fn skip_attributes(&mut self) -> Option<()> {
        while self.peek() == Some('#') {
            let mut depth = 0usize;
            while let Some(c) = self.bump() {
                match c {
                    '[' => depth += 1,
                    ']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.skip_trivia();
        }
        Some(())
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_trivia();
        let start = self.pos;
        let c = self.peek()?;
        let kind = match c {
            '(' => self.group(None, depth)?,
            '[' => {
                self.bump();
                NodeKind::List(self.sequence(']', depth)?)
            }
            '{' => self.map(depth)?,
            '"' => NodeKind::Str(self.string()?),
            '\'' => {
                self.char_literal()?;
                NodeKind::Atom(String::new())
            }
            'r' if matches!(self.peek_at(1), Some('"' | '#')) => {
                self.bump();
                NodeKind::Str(self.raw_string()?)
            }
            'b' if self.peek_at(1) == Some('"') => {
                self.bump();
                NodeKind::Str(self.string()?)
            }
            c if c.is_alphabetic() || c == '_' => {
                let name = self.identifier();
                self.skip_trivia();
                if self.peek() == Some('(') { self.group(Some(name), depth)? } else { NodeKind::Atom(name) }
            }
            c if c.is_ascii_digit() || matches!(c, '+' | '-' | '.') => {
                let mut text = String::new();
                while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-')) {
                    text.push(c);
                    self.bump();
                }
                NodeKind::Atom(text)
            }
            _ => return None,
        };
        Some(Node { start, end: self.pos, kind })
    }

    fn identifier(&mut self) -> String {
        let mut name = String::new();
        if self.peek() == Some('r') && self.peek_at(1) == Some('#') {
            self.bump();
            self.bump();
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                name.push(c);
                self.bump();
            } else {
                break;
            }
        }
        name
    }

    /// `(`...`)`: named fields when the first entry is `ident:`, positional values otherwise.
    fn group(&mut self, name: Option<String>, depth: usize) -> Option<NodeKind> {
        self.bump();
        self.skip_trivia();
        if !self.starts_field() {
            let items = self.sequence(')', depth)?;
            return Some(NodeKind::Group { name, fields: Vec::new(), items });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.eat(')') {
                break;
            }
            let field = self.identifier();
            if field.is_empty() {
                return None;
            }
            self.skip_trivia();
            if !self.eat(':') {
                return None;
            }
            let value = self.value(depth + 1)?;
            fields.push((field, value));
            self.skip_trivia();
            if !self.eat(',') {
                self.skip_trivia();
                if !self.eat(')') {
                    return None;
                }
                break;
            }
        }
        Some(NodeKind::Group { name, fields, items: Vec::new() })
    }

    fn starts_field(&self) -> bool {
        let mut i = self.at;
        if self.chars.get(i) == Some(&'r') && self.chars.get(i + 1) == Some(&'#') {
            i += 2;
        }
        let ident_start = i;
        while self.chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            i += 1;
        }
        if i == ident_start || self.chars[ident_start].is_ascii_digit() {
            return false;
        }
        while self.chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        self.chars.get(i) == Some(&':') && self.chars.get(i + 1) != Some(&':')
    }

    fn sequence(&mut self, close: char, depth: usize) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia();
            if !self.eat(',') {
                self.skip_trivia();
                return self.eat(close).then_some(items);
            }
        }
    }

    fn map(&mut self, depth: usize) -> Option<NodeKind> {
        self.bump();
        let mut entries = Vec::new();
        loop {
            self.skip_trivia();
            if self.eat('}') {
                break;
            }
            let key = self.value(depth + 1)?;
            self.skip_trivia();
            if !self.eat(':') {
                return None;
            }
            let value = self.value(depth + 1)?;
            entries.push((key, value));
            self.skip_trivia();
            if !self.eat(',') {
                self.skip_trivia();
                if !self.eat('}') {
                    return None;
                }
                break;
            }
        }
        Some(NodeKind::Map(entries))
    }

    fn string(&mut self) -> Option<String> {
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(text),
                '\\' => {
                    let escaped = self.bump()?;
                    text.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                c => text.push(c),
            }
        }
    }

    fn raw_string(&mut self) -> Option<String> {
        let mut hashes = 0;
        while self.eat('#') {
            hashes += 1;
        }
        if !self.eat('"') {
            return None;
        }
        let mut text = String::new();
        loop {
            let c = self.bump()?;
            if c == '"' {
                let closing = (0..hashes).all(|k| self.peek_at(k) == Some('#'));
                if closing {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    return Some(text);
                }
            }
            text.push(c);
        }
    }

    fn char_literal(&mut self) -> Option<()> {
        self.bump();
        if self.bump()? == '\\' {
            self.bump()?;
        }
        while self.peek().is_some_and(|c| c != '\'') {
            self.bump();
        }
        self.eat('\'').then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_fields_list_items_and_map_keys() {
        let src = "// comment\nLevel(\n  id: \"x\",\n  steps: [\n    (id: \"a\", done_when: Do(Wear(garment: \"hood\"))),\n  ],\n  state: {\"k\": Flag(true)},\n  after: Some([\"q\"]),\n)\n";
        let root = Node::parse(src).expect("parses");
        let at = |path: Path| root.locate(&path).start;
        assert_eq!(at(Path::root().field("id")), Pos { line: 3, column: 7 });
        let garment = Path::root().field("steps").index(0).field("done_when").index(0).field("garment");
        assert_eq!(at(garment), Pos { line: 5, column: 43 });
        assert_eq!(at(Path::root().field("state").key("k")), Pos { line: 7, column: 16 });
        assert_eq!(at(Path::root().field("after").index(0)), Pos { line: 8, column: 16 });
        // A missing field falls back to the nearest enclosing value.
        let missing = Path::root().field("steps").index(0).field("hint");
        assert_eq!(at(missing), Pos { line: 5, column: 5 });
    }

    #[test]
    fn skips_attributes_block_comments_and_raw_strings() {
        let src = "#![enable(implicit_some)]\n/* a /* nested */ comment */\n(a: r#\"x\"y\"#, b: 'c', c: -1.5e3)";
        let root = Node::parse(src).expect("parses");
        assert_eq!(root.locate(&Path::root().field("c")).start, Pos { line: 3, column: 26 });
    }

    #[test]
    fn finds_keys_written_twice_and_numbers_that_are_not_finite() {
        let src = "(state: {\"a\": Flag(true), \"b\": 1, \"a\": 2}, x: inf, y: -inf, z: NaN, w: 1e999, v: 2.5)";
        let root = Node::parse(src).expect("parses");
        let twice = root.duplicate_keys();
        assert_eq!(twice.len(), 1);
        assert_eq!(twice[0].0, "a");
        assert!(twice[0].1.start < twice[0].2.start);
        assert_eq!(root.non_finite_numbers().len(), 4);
    }
}
