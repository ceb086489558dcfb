//! How near is near: every distance under which the borderless table reader takes two
//! positions on a page for one, read from the size of the text it compares.
//!
//! A borderless table has no rules to snap to; its rows and columns are where its texts
//! line up. Whether two texts line up is a question of scale: two right edges 1.5 pt
//! apart are a column of amounts set right in 7.5 pt print, and two different edges in
//! 24 pt headings. So the reader asks every such question through one [`Tolerances`],
//! built from the font size of the lines in question (the table's usual size, or the
//! size of the text being placed), and never with a bare number of points:
//!
//! | question | tolerance | of the size |
//! |---|---|---|
//! | two middles stand on one line (one row) | [`Tolerances::level`] | 0.3 |
//! | a text is centred on something (a span, two rows, two sub-headings) | [`Tolerances::centred`] | 0.25 |
//! | two text edges line up (one column) | [`Tolerances::edge`] | 0.3, at least 1 pt |
//! | two texts were set at one place by the same layout (names set left) | [`Tolerances::same_place`] | 0.2 |
//! | two boxes touch (rows set at a pitch of one line box) | [`Tolerances::touch`] | 0.1 |
//! | the white between two texts can part columns | [`Tolerances::column_gap`] | 0.5 |
//! | two lines can be lines of one cell (text leading) | [`Tolerances::leading`] | 1.5 |
//!
//! The floor of a point on [`Tolerances::edge`] is for positions read from an image,
//! which are that noisy whatever the print size (a character laid out over its line's
//! ink may land a quarter of a character off).

/// The distances under which positions count as one, for text of one size (see the
/// module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tolerances {
    /// The font size they are read from, in points.
    pub size: f64,
}

impl Tolerances {
    /// The tolerances for text of `size` points.
    pub(crate) fn new(size: f64) -> Self {
        Tolerances { size }
    }

    /// Two middles this close stand on one line, or in one row.
    pub(crate) fn level(&self) -> f64 {
        0.3 * self.size
    }

    /// A text whose middle lies this close to the middle of a span is centred on it.
    pub(crate) fn centred(&self) -> f64 {
        0.25 * self.size
    }

    /// Two text edges this close line up.
    pub(crate) fn edge(&self) -> f64 {
        (0.3 * self.size).max(1.0)
    }

    /// Two texts whose edges lie this close were set at one place by one layout (left
    /// edges of names set left in one column; a text lined up with no other of its column
    /// lies further from every one).
    pub(crate) fn same_place(&self) -> f64 {
        0.2 * self.size
    }

    /// Two boxes this close touch.
    pub(crate) fn touch(&self) -> f64 {
        0.1 * self.size
    }

    /// White at least this wide between two texts can part two columns.
    pub(crate) fn column_gap(&self) -> f64 {
        0.5 * self.size
    }

    /// Two lines of one cell stand at most this far apart, top to top.
    pub(crate) fn leading(&self) -> f64 {
        1.5 * self.size
    }
}

#[cfg(test)]
mod tests {
    use super::Tolerances;

    #[test]
    fn tolerances_scale_with_the_text_size() {
        let small = Tolerances::new(7.5);
        let large = Tolerances::new(15.0);
        assert_eq!(large.level(), 2.0 * small.level());
        assert_eq!(large.centred(), 2.0 * small.centred());
        assert_eq!(large.same_place(), 3.0);
        // A point at least for edges read from an image.
        assert_eq!(Tolerances::new(2.0).edge(), 1.0);
        assert_eq!(Tolerances::new(10.0).edge(), 3.0);
    }
}
