//! The content-stream interpreter: runs a page's operators with a graphics state and
//! collects glyphs, ruling segments, filled rectangles and image placements in
//! upright page coordinates.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use gongkai_geom::{Glyph, Rect, Segment};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::font::{DecodedGlyph, Font};
use crate::matrix::Matrix;
use crate::objects::{decode_text_string, num};
use crate::{ImagePlacement, ImageSource, Limits};
/// Thickness below which a filled rectangle is treated as a ruling line (points).
const THIN_FILL: f64 = 2.5;
/// Marked-content nesting deeper than this is counted but not tracked.
const MAX_MARKED_DEPTH: usize = 256;

/// Font cache shared across pages of one document, keyed by font object id.
pub type FontCache = std::sync::Mutex<HashMap<ObjectId, Arc<Font>>>;

#[derive(Clone)]
struct TextState {
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    font: Option<Arc<Font>>,
    size: f64,
    rise: f64,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    line_width: f64,
    stroke_visible: bool,
    fill_visible: bool,
    text: TextState,
}

/// Everything the interpreter found on one page.
#[derive(Default)]
pub struct Collected {
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    pub fills: Vec<Rect>,
    pub images: Vec<ImagePlacement>,
    pub warnings: Vec<String>,
    /// What the page cost.
    pub usage: crate::PageUsage,
    /// Why the page was given up, if it was.
    pub halt: Option<Halt>,
}

/// Why the interpreter stopped before the end of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Halt {
    /// A bound of [`Limits`] was passed: what, and the bound.
    Limit(&'static str, u64),
    /// The deadline passed.
    Deadline,
}

/// Operators run between two looks at the clock (a power of two).
const CLOCK_EVERY: u64 = 1024;
/// Glyphs of one shown string decoded at a time.
const SHOW_CHUNK: usize = 4096;

/// Path element in user space (CTM already applied).
#[derive(Clone, Copy)]
enum PathOp {
    Move(f64, f64),
    Line(f64, f64),
    Curve(f64, f64),
    Close,
    Rect([(f64, f64); 4]),
}

pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: &'a FontCache,
    /// User space → upright page space.
    page_t: Matrix,
    page_box: Rect,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<PathOp>,
    form_stack: Vec<ObjectId>,
    out: Collected,
    decoded: Vec<DecodedGlyph>,
    limits: Limits,
    deadline: Option<Instant>,
    /// Decoded form XObject streams, each decoded once per page.
    forms: HashMap<ObjectId, Arc<Vec<u8>>>,
    /// Fonts given as dictionaries in the resources (not by reference), loaded once per
    /// page; keyed by the dictionary's address, which is stable while the document lives.
    inline_fonts: HashMap<usize, Arc<Font>>,
    inline_count: usize,
    /// Open marked-content sequences: `Some((ActualText, first glyph index))` for the
    /// outermost one carrying `/ActualText`, `None` for the others.
    marked: Vec<Option<(String, usize)>>,
    /// Marked-content levels opened beyond [`MAX_MARKED_DEPTH`] (so `EMC` stays balanced).
    marked_overflow: usize,
    /// `EMC` may not close sequences below this depth (those of an enclosing stream).
    marked_floor: usize,
}

fn nums(ops: &[Object]) -> Vec<f64> {
    ops.iter().filter_map(num).collect()
}

fn initial_gstate() -> GState {
    GState {
        ctm: Matrix::IDENTITY,
        line_width: 1.0,
        stroke_visible: true,
        fill_visible: true,
        text: TextState {
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            font: None,
            size: 0.0,
            rise: 0.0,
        },
    }
}

impl<'a> Interpreter<'a> {
    pub fn new(
        doc: &'a Document,
        fonts: &'a FontCache,
        page_t: Matrix,
        page_box: Rect,
        limits: Limits,
        deadline: Option<Instant>,
    ) -> Self {
        Interpreter {
            doc,
            fonts,
            page_t,
            page_box,
            gs: initial_gstate(),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            form_stack: Vec::new(),
            out: Collected::default(),
            decoded: Vec::new(),
            limits,
            deadline,
            forms: HashMap::new(),
            inline_fonts: HashMap::new(),
            inline_count: 0,
            marked: Vec::new(),
            marked_overflow: 0,
            marked_floor: 0,
        }
    }

    pub fn finish(mut self) -> Collected {
        self.close_marked_to(0);
        self.out
    }

    fn deref(&self, o: &'a Object) -> &'a Object {
        crate::objects::deref(self.doc, o)
    }

    /// True once the page has been given up (a limit passed, or the deadline).
    pub fn halted(&self) -> bool {
        self.out.halt.is_some()
    }

    /// Gives the page up for `halt` (the first reason stays).
    fn halt(&mut self, halt: Halt) {
        self.out.halt.get_or_insert(halt);
    }

    /// Counts `n` content bytes about to be interpreted against
    /// [`Limits::max_content_bytes`]; false (and the page given up) when over.
    pub fn take_bytes(&mut self, n: usize) -> bool {
        self.out.usage.content_bytes += n as u64;
        if self.out.usage.content_bytes > self.limits.max_content_bytes {
            self.halt(Halt::Limit(
                "decoded content bytes",
                self.limits.max_content_bytes,
            ));
            return false;
        }
        true
    }

    /// Runs a content stream with the given resources.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        let mut parse_failed = false;
        for op in Content::decode_iter(content) {
            if self.halted() {
                break;
            }
            let usage = &mut self.out.usage;
            usage.operators += 1;
            if usage.operators > self.limits.max_operators {
                self.halt(Halt::Limit("content operators", self.limits.max_operators));
                break;
            }
            if usage.operators & (CLOCK_EVERY - 1) == 0
                && self.deadline.is_some_and(|d| Instant::now() > d)
            {
                self.halt(Halt::Deadline);
                break;
            }
            match op {
                Ok(op) => self.execute(&op.operator, &op.operands, resources),
                Err(_) => {
                    parse_failed = true;
                    break;
                }
            }
        }
        if parse_failed {
            self.out
                .warnings
                .push("content stream has a syntax error; the rest of it was skipped".into());
        }
    }

    fn execute(&mut self, op: &str, args: &[Object], res: Option<&'a Dictionary>) {
        let n = nums(args);
        match op {
            // Nesting deeper than 256 is ignored (left to the catch-all arm).
            "q" if self.stack.len() < 256 => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            "cm" if n.len() == 6 => {
                let m = Matrix::new(n[0], n[1], n[2], n[3], n[4], n[5]);
                if m.is_finite() {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            "w" if !n.is_empty() => self.gs.line_width = n[0],
            "G" | "RG" | "K" => self.gs.stroke_visible = !is_white(op, &n),
            "g" | "rg" | "k" => self.gs.fill_visible = !is_white(op, &n),
            "SC" | "SCN" => self.gs.stroke_visible = !is_white_components(&n),
            "sc" | "scn" => self.gs.fill_visible = !is_white_components(&n),
            "CS" => self.gs.stroke_visible = true,
            "cs" => self.gs.fill_visible = true,
            "gs" => self.ext_gstate(args, res),
            // Path construction.
            "m" if n.len() >= 2 => {
                let p = self.gs.ctm.apply(n[0], n[1]);
                self.push_path(PathOp::Move(p.0, p.1));
            }
            "l" if n.len() >= 2 => {
                let p = self.gs.ctm.apply(n[0], n[1]);
                self.push_path(PathOp::Line(p.0, p.1));
            }
            "c" if n.len() >= 6 => {
                let p = self.gs.ctm.apply(n[4], n[5]);
                self.push_path(PathOp::Curve(p.0, p.1));
            }
            "v" | "y" if n.len() >= 4 => {
                let p = self.gs.ctm.apply(n[2], n[3]);
                self.push_path(PathOp::Curve(p.0, p.1));
            }
            "h" => self.push_path(PathOp::Close),
            "re" if n.len() >= 4 => {
                let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                let c = &self.gs.ctm;
                let r = PathOp::Rect([
                    c.apply(x, y),
                    c.apply(x + w, y),
                    c.apply(x + w, y + h),
                    c.apply(x, y + h),
                ]);
                self.push_path(r);
            }
            // Path painting.
            "S" | "s" => self.paint(true, false, op == "s"),
            "f" | "F" | "f*" => self.paint(false, true, true),
            "B" | "B*" => self.paint(true, true, false),
            "b" | "b*" => self.paint(true, true, true),
            "n" => self.path.clear(),
            // Text objects and state.
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => {}
            "Tc" if !n.is_empty() => self.gs.text.char_spacing = n[0],
            "Tw" if !n.is_empty() => self.gs.text.word_spacing = n[0],
            "Tz" if !n.is_empty() => self.gs.text.h_scale = n[0] / 100.0,
            "TL" if !n.is_empty() => self.gs.text.leading = n[0],
            "Ts" if !n.is_empty() => self.gs.text.rise = n[0],
            "Tf" => {
                if let (Some(Object::Name(name)), Some(size)) =
                    (args.first(), args.get(1).and_then(num))
                {
                    self.gs.text.font = self.font(name, res);
                    self.gs.text.size = size;
                }
            }
            "Td" if n.len() >= 2 => self.move_line(n[0], n[1]),
            "TD" if n.len() >= 2 => {
                self.gs.text.leading = -n[1];
                self.move_line(n[0], n[1]);
            }
            "Tm" if n.len() == 6 => {
                let m = Matrix::new(n[0], n[1], n[2], n[3], n[4], n[5]);
                if m.is_finite() {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.move_line(0.0, -self.gs.text.leading),
            "Tj" => {
                if let Some(Object::String(s, _)) = args.first() {
                    self.show(s);
                }
            }
            "'" => {
                self.move_line(0.0, -self.gs.text.leading);
                if let Some(Object::String(s, _)) = args.first() {
                    self.show(s);
                }
            }
            "\"" => {
                if n.len() >= 2 {
                    self.gs.text.word_spacing = n[0];
                    self.gs.text.char_spacing = n[1];
                }
                self.move_line(0.0, -self.gs.text.leading);
                if let Some(Object::String(s, _)) = args.get(2) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        if self.halted() {
                            break;
                        }
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                if let Some(adj) = num(other) {
                                    let t = &self.gs.text;
                                    let tx = -adj / 1000.0 * t.size * t.h_scale;
                                    self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(Object::Name(name)) = args.first() {
                    self.xobject(name, res);
                }
            }
            // Marked content: only `/ActualText` matters for text.
            "BMC" => self.begin_marked(None),
            "BDC" => {
                let actual = self.actual_text_of(args.get(1), res);
                self.begin_marked(actual);
            }
            "EMC" => self.end_marked(),
            "BI" => {
                if let Some(Object::Stream(s)) = args.first() {
                    self.inline_count += 1;
                    let w = s
                        .dict
                        .get(b"W")
                        .or_else(|_| s.dict.get(b"Width"))
                        .ok()
                        .and_then(num)
                        .unwrap_or(0.0);
                    let h = s
                        .dict
                        .get(b"H")
                        .or_else(|_| s.dict.get(b"Height"))
                        .ok()
                        .and_then(num)
                        .unwrap_or(0.0);
                    self.image(
                        ImageSource::Inline {
                            index: self.inline_count - 1,
                        },
                        w as u32,
                        h as u32,
                    );
                }
            }
            _ => {}
        }
    }

    /// The `/ActualText` of a `BDC` property list, given inline or by name in the
    /// resources' `/Properties`.
    fn actual_text_of(
        &self,
        props: Option<&'a Object>,
        res: Option<&'a Dictionary>,
    ) -> Option<String> {
        let dict = match props? {
            Object::Dictionary(d) => d,
            Object::Name(n) => {
                let list = res?
                    .get(b"Properties")
                    .ok()
                    .map(|o| self.deref(o))
                    .and_then(|o| o.as_dict().ok())?;
                list.get(n)
                    .ok()
                    .map(|o| self.deref(o))
                    .and_then(|o| o.as_dict().ok())?
            }
            _ => return None,
        };
        match dict.get(b"ActualText").ok().map(|o| self.deref(o)) {
            Some(Object::String(s, _)) => Some(decode_text_string(s)),
            _ => None,
        }
    }

    fn begin_marked(&mut self, actual: Option<String>) {
        if self.marked.len() >= MAX_MARKED_DEPTH {
            self.marked_overflow += 1;
            return;
        }
        // Only the outermost ActualText counts: it replaces everything inside it.
        let inside_actual = self.marked.iter().any(|m| m.is_some());
        let entry = if inside_actual {
            None
        } else {
            actual.map(|t| (t, self.out.glyphs.len()))
        };
        self.marked.push(entry);
    }

    fn end_marked(&mut self) {
        if self.marked_overflow > 0 {
            self.marked_overflow -= 1;
            return;
        }
        if self.marked.len() <= self.marked_floor {
            return; // an EMC without its BDC in this stream
        }
        if let Some(Some((text, start))) = self.marked.pop() {
            self.apply_actual_text(&text, start);
        }
    }

    /// Closes sequences left open by a stream (unbalanced `BDC`) down to `depth`.
    fn close_marked_to(&mut self, depth: usize) {
        self.marked_overflow = 0;
        while self.marked.len() > depth {
            if let Some(Some((text, start))) = self.marked.pop() {
                self.apply_actual_text(&text, start);
            }
        }
    }

    /// Replaces the glyphs shown inside an `/ActualText` span by that text, as viewers
    /// copy it: one character per glyph when the counts agree (boxes stay exact),
    /// otherwise the whole text on one glyph spanning them all; an empty text removes
    /// them (soft hyphens). Control characters become spaces. A text containing
    /// U+FFFD carries no information and is ignored, so the glyphs keep their own
    /// Unicode. Glyphs without any mapping take the ActualText as the document's own
    /// Unicode (reported like `/ToUnicode`).
    fn apply_actual_text(&mut self, text: &str, start: usize) {
        let glyphs = &mut self.out.glyphs;
        if start >= glyphs.len() || text.contains('\u{FFFD}') {
            return;
        }
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let span = glyphs.len() - start;
        let fix_source = |g: &mut Glyph| {
            if g.source == gongkai_geom::UnicodeSource::Missing {
                g.source = gongkai_geom::UnicodeSource::ToUnicode;
            }
        };
        if chars.is_empty() {
            glyphs.truncate(start);
        } else if chars.len() == span {
            for (g, c) in glyphs[start..].iter_mut().zip(&chars) {
                g.text = c.to_string();
                fix_source(g);
            }
        } else {
            let mut first = glyphs[start].clone();
            for g in &glyphs[start + 1..] {
                first.bbox = Rect {
                    x0: first.bbox.x0.min(g.bbox.x0),
                    top: first.bbox.top.min(g.bbox.top),
                    x1: first.bbox.x1.max(g.bbox.x1),
                    bottom: first.bbox.bottom.max(g.bbox.bottom),
                };
            }
            first.text = chars.into_iter().collect();
            fix_source(&mut first);
            glyphs.truncate(start);
            glyphs.push(first);
        }
    }

    /// Draws an annotation's normal appearance (a form XObject) into the annotation's
    /// `/Rect`, as viewers do (ISO 32000-1 §12.5.5): the form's `/BBox`, transformed by
    /// its `/Matrix`, is mapped onto the rectangle, in default user space.
    pub fn run_appearance(
        &mut self,
        form: &'a Stream,
        id: Option<ObjectId>,
        rect: [f64; 4],
        page_res: Option<&'a Dictionary>,
    ) {
        let bbox: Vec<f64> = match form.dict.get(b"BBox").ok().map(|o| self.deref(o)) {
            Some(Object::Array(a)) => a.iter().filter_map(|o| num(self.deref(o))).collect(),
            _ => return,
        };
        if bbox.len() != 4 {
            return;
        }
        let matrix = form_matrix(form);
        let pts = [
            matrix.apply(bbox[0], bbox[1]),
            matrix.apply(bbox[2], bbox[1]),
            matrix.apply(bbox[0], bbox[3]),
            matrix.apply(bbox[2], bbox[3]),
        ];
        let tx0 = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        let tx1 = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let ty0 = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let ty1 = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let (rx0, ry0, rx1, ry1) = (
            rect[0].min(rect[2]),
            rect[1].min(rect[3]),
            rect[0].max(rect[2]),
            rect[1].max(rect[3]),
        );
        if !(tx1 - tx0 > 1e-6 && ty1 - ty0 > 1e-6) {
            return;
        }
        let (sx, sy) = ((rx1 - rx0) / (tx1 - tx0), (ry1 - ry0) / (ty1 - ty0));
        let a = Matrix::new(sx, 0.0, 0.0, sy, rx0 - sx * tx0, ry0 - sy * ty0);
        if !a.is_finite() {
            return;
        }
        self.gs = initial_gstate();
        self.gs.ctm = a;
        self.stack.clear();
        self.path.clear();
        self.tm = Matrix::IDENTITY;
        self.tlm = Matrix::IDENTITY;
        self.close_marked_to(0);
        self.run_form(form, id, page_res);
    }

    fn ext_gstate(&mut self, args: &[Object], res: Option<&'a Dictionary>) {
        let Some(Object::Name(name)) = args.first() else {
            return;
        };
        let Some(res) = res else { return };
        let Some(dict) = res
            .get(b"ExtGState")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        let Some(gs) = dict
            .get(name)
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        if let Some(lw) = gs.get(b"LW").ok().and_then(num) {
            self.gs.line_width = lw;
        }
        if let Ok(Object::Array(font)) = gs.get(b"Font") {
            if let (Some(Object::Reference(id)), Some(size)) =
                (font.first(), font.get(1).and_then(num))
            {
                self.gs.text.font = self.font_by_id(*id);
                self.gs.text.size = size;
            }
        }
    }

    fn font(&mut self, name: &[u8], res: Option<&'a Dictionary>) -> Option<Arc<Font>> {
        let res = res?;
        let fonts = res
            .get(b"Font")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        match entry {
            Object::Reference(id) => self.font_by_id(*id),
            Object::Dictionary(d) => {
                let key = d as *const Dictionary as usize;
                let doc = self.doc;
                Some(
                    self.inline_fonts
                        .entry(key)
                        .or_insert_with(|| Arc::new(Font::load(doc, d)))
                        .clone(),
                )
            }
            _ => None,
        }
    }

    fn font_by_id(&mut self, id: ObjectId) -> Option<Arc<Font>> {
        if let Ok(cache) = self.fonts.lock() {
            if let Some(f) = cache.get(&id) {
                return Some(f.clone());
            }
        }
        let dict = self
            .doc
            .get_object(id)
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())?;
        let font = Arc::new(Font::load(self.doc, dict));
        if let Ok(mut cache) = self.fonts.lock() {
            cache.insert(id, font.clone());
        }
        Some(font)
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.text.font.clone() else {
            // Text with no font selected: a broken file. Advance nothing, emit nothing.
            return;
        };
        let mut decoded = std::mem::take(&mut self.decoded);
        // Decoded a chunk at a time, so that one long string costs bounded memory.
        let mut rest = bytes;
        while !rest.is_empty() && !self.halted() {
            decoded.clear();
            let used = font.decode(rest, &mut decoded, SHOW_CHUNK);
            rest = &rest[used.clamp(1, rest.len())..];
            self.show_decoded(&font, &decoded);
        }
        self.decoded = decoded;
    }

    fn show_decoded(&mut self, font: &Arc<Font>, decoded: &[DecodedGlyph]) {
        let t = self.gs.text.clone();
        let fs = t.size;
        let base = self.gs.ctm.then(&self.page_t);
        for g in decoded {
            let trm = Matrix::new(fs * t.h_scale, 0.0, 0.0, fs, 0.0, t.rise)
                .then(&self.tm)
                .then(&base);
            let d = font.descent;
            let w = g.width;
            let corners = [
                trm.apply(0.0, d),
                trm.apply(w, d),
                trm.apply(0.0, d + 1.0),
                trm.apply(w, d + 1.0),
            ];
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in corners {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (dx, dy) = trm.apply_vector(1.0, 0.0);
            let upright = dx > 0.0 && dy.abs() <= dx * 0.1;
            let (ux, uy) = trm.apply_vector(0.0, 1.0);
            let size = (ux * ux + uy * uy).sqrt();
            if x0.is_finite()
                && y0.is_finite()
                && x1.is_finite()
                && y1.is_finite()
                && self.on_page(x0, y0, x1, y1)
            {
                if self.out.glyphs.len() >= self.limits.max_glyphs {
                    self.halt(Halt::Limit("glyphs", self.limits.max_glyphs as u64));
                    break;
                }
                self.out.glyphs.push(Glyph {
                    text: g.text.to_string(),
                    bbox: Rect {
                        x0,
                        top: y0,
                        x1,
                        bottom: y1,
                    },
                    font: font.name.clone(),
                    size,
                    upright,
                    source: g.source,
                    confidence: None,
                });
            }
            let spacing = t.char_spacing + if g.is_word_space { t.word_spacing } else { 0.0 };
            if font.vertical {
                let ty = -(1.0 * fs + spacing);
                self.tm = Matrix::translate(0.0, ty).then(&self.tm);
            } else {
                let tx = (g.width * fs + spacing) * t.h_scale;
                self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
            }
        }
    }

    /// Glyphs entirely outside the visible page box (plus a margin) are dropped, as
    /// pdftotext does.
    fn on_page(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
        let m = 2.0;
        x1 >= self.page_box.x0 - m
            && x0 <= self.page_box.x1 + m
            && y1 >= self.page_box.top - m
            && y0 <= self.page_box.bottom + m
    }

    fn xobject(&mut self, name: &[u8], res: Option<&'a Dictionary>) {
        let Some(res) = res else { return };
        let Some(xobjs) = res
            .get(b"XObject")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())
        else {
            return;
        };
        let Ok(entry) = xobjs.get(name) else { return };
        let id = entry.as_reference().ok();
        let Ok(stream) = self.deref(entry).as_stream() else {
            return;
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        match subtype {
            b"Image" => {
                let w = stream
                    .dict
                    .get(b"Width")
                    .ok()
                    .map(|o| self.deref(o))
                    .and_then(num)
                    .unwrap_or(0.0);
                let h = stream
                    .dict
                    .get(b"Height")
                    .ok()
                    .map(|o| self.deref(o))
                    .and_then(num)
                    .unwrap_or(0.0);
                let source = match id {
                    Some(id) => ImageSource::XObject {
                        object: id.0,
                        generation: id.1,
                    },
                    None => ImageSource::Inline { index: usize::MAX },
                };
                self.image(source, w.max(0.0) as u32, h.max(0.0) as u32);
            }
            b"Form" => self.run_form(stream, id, Some(res)),
            _ => {}
        }
    }

    /// Runs a form XObject with its `/Matrix` and `/Resources` (the caller's when it has
    /// none), guarding depth and cycles; graphics state is restored afterwards.
    fn run_form(&mut self, stream: &'a Stream, id: Option<ObjectId>, res: Option<&'a Dictionary>) {
        if self.form_stack.len() >= self.limits.max_form_depth {
            let w = format!(
                "limit: form XObjects nested deeper than {}; inner ones skipped",
                self.limits.max_form_depth
            );
            if !self.out.warnings.contains(&w) {
                self.out.warnings.push(w);
            }
            return;
        }
        if let Some(id) = id {
            if self.form_stack.contains(&id) {
                self.out.warnings.push(format!(
                    "form XObject {} {} draws itself; cycle cut",
                    id.0, id.1
                ));
                return;
            }
        }
        let cached = id.and_then(|id| self.forms.get(&id).cloned());
        let content = match cached {
            Some(c) => c,
            None => {
                let budget = self
                    .limits
                    .max_content_bytes
                    .saturating_sub(self.out.usage.content_bytes)
                    .min(usize::MAX as u64) as usize;
                let c = match stream.decompressed_content_with_limit(budget) {
                    Ok(c) => Arc::new(c),
                    Err(_) if stream.dict.get(b"Filter").is_err() => {
                        Arc::new(stream.content.clone())
                    }
                    Err(e) => {
                        if crate::is_over_limit(&e) {
                            self.halt(Halt::Limit(
                                "decoded content bytes",
                                self.limits.max_content_bytes,
                            ));
                        } else {
                            self.out.warnings.push(format!(
                                "form XObject stream undecodable: {}",
                                crate::decode_error_text(stream, &e)
                            ));
                        }
                        return;
                    }
                };
                if let Some(id) = id {
                    self.forms.insert(id, c.clone());
                }
                c
            }
        };
        if !self.take_bytes(content.len()) {
            return;
        }
        let matrix = form_matrix(stream);
        let form_res = stream
            .dict
            .get(b"Resources")
            .ok()
            .map(|o| self.deref(o))
            .and_then(|o| o.as_dict().ok())
            .or(res);
        let saved = self.gs.clone();
        let saved_stack = self.stack.len();
        let saved_tm = (self.tm, self.tlm);
        let saved_path = std::mem::take(&mut self.path);
        let saved_floor = self.marked_floor;
        self.marked_floor = self.marked.len();
        self.gs.ctm = matrix.then(&self.gs.ctm);
        if let Some(id) = id {
            self.form_stack.push(id);
        }
        let usage = &mut self.out.usage;
        usage.form_depth = usage.form_depth.max(self.form_stack.len());
        self.run(&content, form_res);
        if id.is_some() {
            self.form_stack.pop();
        }
        self.close_marked_to(self.marked_floor);
        self.marked_floor = saved_floor;
        self.stack.truncate(saved_stack);
        self.gs = saved;
        (self.tm, self.tlm) = saved_tm;
        self.path = saved_path;
    }

    fn image(&mut self, source: ImageSource, pixel_width: u32, pixel_height: u32) {
        let m = self.gs.ctm.then(&self.page_t);
        let pts = [
            m.apply(0.0, 0.0),
            m.apply(1.0, 0.0),
            m.apply(0.0, 1.0),
            m.apply(1.0, 1.0),
        ];
        let x0 = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        let x1 = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let y0 = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let y1 = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        if x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite() {
            if self.out.images.len() >= self.limits.max_images {
                self.halt(Halt::Limit(
                    "image placements",
                    self.limits.max_images as u64,
                ));
                return;
            }
            self.out.images.push(ImagePlacement {
                bbox: Rect {
                    x0,
                    top: y0,
                    x1,
                    bottom: y1,
                },
                pixel_width,
                pixel_height,
                source,
            });
        }
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let path = std::mem::take(&mut self.path);
        let pt = self.page_t;
        let to_page = |p: (f64, f64)| pt.apply(p.0, p.1);
        let lw = (self.gs.line_width * self.gs.ctm.scale()).max(0.0);
        if stroke && self.gs.stroke_visible {
            let mut start: Option<(f64, f64)> = None;
            let mut cur: Option<(f64, f64)> = None;
            for op in &path {
                match *op {
                    PathOp::Move(x, y) => {
                        if close {
                            if let (Some(s), Some(c)) = (start, cur) {
                                self.add_line(to_page(c), to_page(s), lw);
                            }
                        }
                        start = Some((x, y));
                        cur = Some((x, y));
                    }
                    PathOp::Line(x, y) => {
                        if let Some(c) = cur {
                            self.add_line(to_page(c), to_page((x, y)), lw);
                        }
                        cur = Some((x, y));
                    }
                    PathOp::Curve(x, y) => cur = Some((x, y)),
                    PathOp::Close => {
                        if let (Some(s), Some(c)) = (start, cur) {
                            self.add_line(to_page(c), to_page(s), lw);
                        }
                        cur = start;
                    }
                    PathOp::Rect(c) => {
                        for i in 0..4 {
                            self.add_line(to_page(c[i]), to_page(c[(i + 1) % 4]), lw);
                        }
                        start = Some(c[0]);
                        cur = Some(c[0]);
                    }
                }
            }
            if close {
                if let (Some(s), Some(c)) = (start, cur) {
                    self.add_line(to_page(c), to_page(s), lw);
                }
            }
        }
        if fill && self.gs.fill_visible {
            for poly in rectangles_of(&path) {
                let p: Vec<(f64, f64)> = poly.iter().map(|&p| to_page(p)).collect();
                if let Some(r) = axis_rect(&p) {
                    self.add_fill(r);
                }
            }
        }
    }

    fn add_line(&mut self, a: (f64, f64), b: (f64, f64), width: f64) {
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        let tol = 0.5_f64.max(0.02 * dx.max(dy));
        if dx < 0.01 && dy < 0.01 {
            return;
        }
        let seg = if dy <= tol && dx > dy {
            Segment::horizontal((a.1 + b.1) / 2.0, a.0, b.0, width)
        } else if dx <= tol && dy > dx {
            Segment::vertical((a.0 + b.0) / 2.0, a.1, b.1, width)
        } else {
            return;
        };
        if seg.x0.is_finite() && seg.x1.is_finite() && seg.top.is_finite() && seg.bottom.is_finite()
        {
            self.push_segment(seg);
        }
    }

    /// True while the page's rulings (segments, fills and the path being built) stay
    /// within [`Limits::max_rulings`]; otherwise the page is given up.
    fn rulings_ok(&mut self) -> bool {
        let n = self.out.segments.len() + self.out.fills.len() + self.path.len();
        if n >= self.limits.max_rulings {
            self.halt(Halt::Limit(
                "ruling segments and path elements",
                self.limits.max_rulings as u64,
            ));
            return false;
        }
        true
    }

    fn push_segment(&mut self, seg: Segment) {
        if self.rulings_ok() {
            self.out.segments.push(seg);
        }
    }

    fn push_path(&mut self, op: PathOp) {
        if self.rulings_ok() {
            self.path.push(op);
        }
    }

    fn add_fill(&mut self, r: Rect) {
        let (w, h) = (r.width(), r.height());
        if w <= THIN_FILL && h > w * 2.0 {
            self.push_segment(Segment::vertical(r.cx(), r.top, r.bottom, w));
        } else if h <= THIN_FILL && w > h * 2.0 {
            self.push_segment(Segment::horizontal(r.cy(), r.x0, r.x1, h));
        } else if w > THIN_FILL && h > THIN_FILL && self.rulings_ok() {
            self.out.fills.push(r);
        }
    }
}

/// A form XObject's `/Matrix`, identity when absent or malformed.
fn form_matrix(stream: &Stream) -> Matrix {
    stream
        .dict
        .get(b"Matrix")
        .ok()
        .and_then(|o| o.as_array().ok())
        .map(|a| nums(a))
        .filter(|v| v.len() == 6)
        .map(|v| Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]))
        .filter(|m| m.is_finite())
        .unwrap_or(Matrix::IDENTITY)
}

/// Splits a path into closed polygons usable as rectangles (`re`, or 4-corner subpaths).
fn rectangles_of(path: &[PathOp]) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut curved = false;
    let flush = |cur: &mut Vec<(f64, f64)>, curved: &mut bool, out: &mut Vec<Vec<(f64, f64)>>| {
        if !*curved && (cur.len() == 4 || (cur.len() == 5 && cur[0] == cur[4])) {
            out.push(cur[..4].to_vec());
        }
        cur.clear();
        *curved = false;
    };
    for op in path {
        match *op {
            PathOp::Move(x, y) => {
                flush(&mut cur, &mut curved, &mut out);
                cur.push((x, y));
            }
            PathOp::Line(x, y) => cur.push((x, y)),
            PathOp::Curve(x, y) => {
                curved = true;
                cur.push((x, y));
            }
            PathOp::Close => {}
            PathOp::Rect(c) => {
                flush(&mut cur, &mut curved, &mut out);
                out.push(c.to_vec());
            }
        }
    }
    flush(&mut cur, &mut curved, &mut out);
    out
}

/// The rectangle spanned by four points if they form an axis-aligned rectangle.
fn axis_rect(p: &[(f64, f64)]) -> Option<Rect> {
    if p.len() != 4 {
        return None;
    }
    let x0 = p.iter().map(|q| q.0).fold(f64::MAX, f64::min);
    let x1 = p.iter().map(|q| q.0).fold(f64::MIN, f64::max);
    let y0 = p.iter().map(|q| q.1).fold(f64::MAX, f64::min);
    let y1 = p.iter().map(|q| q.1).fold(f64::MIN, f64::max);
    let tol = 0.5;
    let on_corner = p.iter().all(|q| {
        ((q.0 - x0).abs() < tol || (q.0 - x1).abs() < tol)
            && ((q.1 - y0).abs() < tol || (q.1 - y1).abs() < tol)
    });
    (on_corner && x0.is_finite() && y1.is_finite()).then_some(Rect {
        x0,
        top: y0,
        x1,
        bottom: y1,
    })
}

fn is_white(op: &str, n: &[f64]) -> bool {
    match op {
        "G" | "g" => n.first().is_some_and(|v| *v >= 0.99),
        "RG" | "rg" => n.len() >= 3 && n[..3].iter().all(|v| *v >= 0.99),
        "K" | "k" => n.len() >= 4 && n[..4].iter().all(|v| *v <= 0.01),
        _ => false,
    }
}

fn is_white_components(n: &[f64]) -> bool {
    match n.len() {
        1 => n[0] >= 0.99,
        3 => n.iter().all(|v| *v >= 0.99),
        4 => n.iter().all(|v| *v <= 0.01),
        _ => false,
    }
}
