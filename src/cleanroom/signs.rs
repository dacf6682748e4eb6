//! Readable signs and screen faces: text rasterised with the shipped Hangul-capable font into
//! textures, so English and Korean read correctly on the walls and in a headset.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};

/// Where the shipped font has no glyph (µ, superscript digits), egui's own Latin font draws it:
/// the same font the touchscreens fall back to.
const FALLBACK_FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The shipped font and its fallback.
struct Faces<'a> {
    primary: FontRef<'a>,
    fallback: Option<FontRef<'static>>,
}

impl Faces<'_> {
    /// The font that has `character`, and its glyph there.
    fn glyph(&self, character: char) -> (&FontRef<'_>, GlyphId) {
        let id = self.primary.glyph_id(character);
        match &self.fallback {
            Some(fallback) if id.0 == 0 && fallback.glyph_id(character).0 != 0 => {
                (fallback, fallback.glyph_id(character))
            }
            _ => (&self.primary, id),
        }
    }
}

/// One line (wrapped if too wide) of a sign.
#[derive(Debug, Clone)]
pub struct SignLine {
    pub text: String,
    /// Cap height in pixels of the texture.
    pub size_px: f32,
    pub colour: [u8; 4],
}

/// What to draw: a coloured panel with centred lines of text.
#[derive(Debug, Clone)]
pub struct SignSpec {
    pub width_px: u32,
    pub height_px: u32,
    pub background: [u8; 4],
    /// A stripe along the top (e.g. the grade colour); zero height draws none.
    pub stripe: Option<([u8; 4], u32)>,
    pub lines: Vec<SignLine>,
}

/// An RGBA8 (sRGB) pixel buffer, row-major, top row first.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// Rasterises `spec` with the TrueType font in `font_data`.
pub fn rasterise(font_data: &[u8], spec: &SignSpec) -> Result<Raster, ab_glyph::InvalidFont> {
    let line_height = |line: &SignLine| line.size_px * 1.35;
    let font =
        Faces { primary: FontRef::try_from_slice(font_data)?, fallback: FontRef::try_from_slice(FALLBACK_FONT).ok() };
    let mut raster = Raster {
        width: spec.width_px,
        height: spec.height_px,
        pixels: spec.background.iter().copied().cycle().take((spec.width_px * spec.height_px * 4) as usize).collect(),
    };
    if let Some((colour, height)) = spec.stripe {
        for y in 0..height.min(spec.height_px) {
            for x in 0..spec.width_px {
                raster.put(x, y, colour);
            }
        }
    }
    let margin = spec.width_px as f32 * 0.05;
    let max_width = spec.width_px as f32 - 2.0 * margin;
    let top = spec.stripe.map_or(0.0, |(_, h)| h as f32);
    let available = (spec.height_px as f32 - top) * 0.92;
    // Shrink the text until every wrapped line fits on the sign.
    let mut scale = 1.0;
    let (wrapped, total) = loop {
        let wrapped: Vec<(String, SignLine)> = spec
            .lines
            .iter()
            .flat_map(|line| {
                let sized = SignLine { size_px: line.size_px * scale, ..line.clone() };
                wrap(&font, &line.text, sized.size_px, max_width).into_iter().map(move |text| (text, sized.clone()))
            })
            .collect();
        let total: f32 = wrapped.iter().map(|(_, line)| line_height(line)).sum();
        let fits_across =
            wrapped.iter().all(|(text, line)| measure(&font, text, PxScale::from(line.size_px * 1.25)) <= max_width);
        if (total <= available && fits_across) || scale < 0.2 {
            break (wrapped, total);
        }
        scale *= 0.9;
    };
    let mut y = top + ((spec.height_px as f32 - top) - total).max(0.0) / 2.0;
    for (text, line) in &wrapped {
        let scale = PxScale::from(line.size_px * 1.25);
        let scaled = font.primary.as_scaled(scale);
        let width = measure(&font, text, scale);
        let baseline = y + (line_height(line) + scaled.ascent() + scaled.descent()) / 2.0;
        draw_line(&font, &mut raster, text, scale, (spec.width_px as f32 - width) / 2.0, baseline, line.colour);
        y += line_height(line);
    }
    Ok(raster)
}

impl Raster {
    fn put(&mut self, x: u32, y: u32, colour: [u8; 4]) {
        let index = ((y * self.width + x) * 4) as usize;
        self.pixels[index..index + 4].copy_from_slice(&colour);
    }

    fn blend(&mut self, x: i32, y: i32, colour: [u8; 4], coverage: f32) {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 {
            return;
        }
        let index = ((y as u32 * self.width + x as u32) * 4) as usize;
        let alpha = coverage.clamp(0.0, 1.0) * colour[3] as f32 / 255.0;
        for (under, over) in self.pixels[index..index + 3].iter_mut().zip(colour) {
            *under = (*under as f32 + (over as f32 - *under as f32) * alpha).round() as u8;
        }
        self.pixels[index + 3] = self.pixels[index + 3].max((alpha * 255.0) as u8);
    }

    /// The share of pixels that differ from the background colour: signs must not be blank.
    pub fn ink_fraction(&self, background: [u8; 4]) -> f32 {
        let inked = self.pixels.chunks_exact(4).filter(|pixel| pixel[..3] != background[..3]).count();
        inked as f32 / (self.width * self.height) as f32
    }
}

fn measure(font: &Faces, text: &str, scale: PxScale) -> f32 {
    let mut width = 0.0;
    let mut previous = None;
    for character in text.chars() {
        let (face, id) = font.glyph(character);
        let scaled = face.as_scaled(scale);
        if let Some(previous) = previous.filter(|_| std::ptr::eq(face, &font.primary)) {
            width += scaled.kern(previous, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// Greedy word wrap; Korean wraps at spaces as well, which is how signs are set.
fn wrap(font: &Faces, text: &str, size_px: f32, max_width: f32) -> Vec<String> {
    let scale = PxScale::from(size_px * 1.25);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if measure(font, &candidate, scale) > max_width && !current.is_empty() {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        } else {
            current = candidate;
        }
    }
    lines.push(current);
    lines
}

fn draw_line(font: &Faces, raster: &mut Raster, text: &str, scale: PxScale, x: f32, baseline: f32, colour: [u8; 4]) {
    let mut caret = x;
    let mut previous = None;
    for character in text.chars() {
        let (face, id) = font.glyph(character);
        let scaled = face.as_scaled(scale);
        if let Some(previous) = previous.filter(|_| std::ptr::eq(face, &font.primary)) {
            caret += scaled.kern(previous, id);
        }
        let glyph = id.with_scale_and_position(scale, point(caret, baseline));
        caret += scaled.h_advance(id);
        previous = Some(id);
        if let Some(outline) = face.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                raster.blend(bounds.min.x as i32 + gx as i32, bounds.min.y as i32 + gy as i32, colour, coverage);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareB.ttf");

    fn sign(text: &str) -> SignSpec {
        SignSpec {
            width_px: 256,
            height_px: 64,
            background: [255, 255, 255, 255],
            stripe: None,
            lines: vec![SignLine { text: text.into(), size_px: 24.0, colour: [0, 0, 0, 255] }],
        }
    }

    #[test]
    fn korean_text_is_drawn_with_the_shipped_font() {
        let font = FontRef::try_from_slice(FONT).expect("shipped font parses");
        for character in "B등급 공정실".chars().filter(|c| *c != ' ') {
            assert_ne!(font.glyph_id(character).0, 0, "no glyph for {character}");
        }
        let raster = rasterise(FONT, &sign("B등급 공정실")).expect("rasterises");
        assert!(raster.ink_fraction([255, 255, 255, 255]) > 0.03);
    }

    #[test]
    fn text_shrinks_to_fit_a_small_sign() {
        let mut spec = sign("GOWNING AIRLOCK");
        spec.lines.push(SignLine { text: "갱의실".into(), size_px: 40.0, colour: [0, 0, 0, 255] });
        spec.lines[0].size_px = 60.0;
        let raster = rasterise(FONT, &spec).expect("rasterises");
        // Ink must stay off the bottom rows: nothing runs off the sign.
        let bottom_row = &raster.pixels[((raster.height - 1) * raster.width * 4) as usize..];
        assert!(bottom_row.chunks_exact(4).all(|pixel| pixel[..3] == [255, 255, 255]));
        assert!(raster.ink_fraction([255, 255, 255, 255]) > 0.03);
    }

    #[test]
    fn a_glyph_the_shipped_font_lacks_is_drawn_from_the_fallback() {
        let faces = Faces {
            primary: FontRef::try_from_slice(FONT).expect("parses"),
            fallback: FontRef::try_from_slice(FALLBACK_FONT).ok(),
        };
        assert_eq!(faces.primary.glyph_id('µ').0, 0, "the shipped font has no µ: this test needs another glyph");
        let (face, id) = faces.glyph('µ');
        assert!(!std::ptr::eq(face, &faces.primary) && id.0 != 0);
        let blank = rasterise(FONT, &sign("")).expect("rasterises").ink_fraction([255, 255, 255, 255]);
        let micro = rasterise(FONT, &sign("µ")).expect("rasterises").ink_fraction([255, 255, 255, 255]);
        assert!(micro > blank);
    }

    #[test]
    fn long_text_wraps_instead_of_running_off_the_sign() {
        let font = Faces { primary: FontRef::try_from_slice(FONT).expect("shipped font parses"), fallback: None };
        let lines = wrap(&font, "ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN", 24.0, 230.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(measure(&font, line, PxScale::from(30.0)) <= 230.0 || !line.contains(' '));
        }
    }
}
