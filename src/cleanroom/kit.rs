//! The building kit: materials of a cleanroom and helpers that spawn parts with colliders,
//! labels and signs, so the room and equipment code reads as a description of the place.

use bevy::asset::RenderAssetUsages;
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy_rapier3d::prelude::*;

use super::signs::{self, SignLine, SignSpec};
use crate::i18n::{Language, Translations};

/// The bold font used on signs and labels (shipped under the OFL, see assets/LICENSES.md).
pub const SIGN_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareB.ttf");

/// Texture pixels per metre of sign.
const SIGN_PIXELS_PER_METRE: f32 = 420.0;

/// Materials shared by every part of the same finish.
#[derive(Resource, Clone)]
pub struct Palette {
    pub wall: Handle<StandardMaterial>,
    pub floor_b: Handle<StandardMaterial>,
    pub floor_c: Handle<StandardMaterial>,
    pub floor_clean_side: Handle<StandardMaterial>,
    pub ceiling: Handle<StandardMaterial>,
    pub light_panel: Handle<StandardMaterial>,
    pub hepa: Handle<StandardMaterial>,
    pub steel: Handle<StandardMaterial>,
    pub dark_steel: Handle<StandardMaterial>,
    pub plastic_white: Handle<StandardMaterial>,
    pub plastic_grey: Handle<StandardMaterial>,
    pub plastic_dark: Handle<StandardMaterial>,
    pub accent_blue: Handle<StandardMaterial>,
    pub glass: Handle<StandardMaterial>,
    /// A polyethylene outer wrap (of material to transfer): translucent, tinted blue.
    pub film: Handle<StandardMaterial>,
    pub door: Handle<StandardMaterial>,
    pub marking_yellow: Handle<StandardMaterial>,
    pub marking_red: Handle<StandardMaterial>,
    pub marking_green: Handle<StandardMaterial>,
    pub rubber: Handle<StandardMaterial>,
    pub tubing: Handle<StandardMaterial>,
    pub media: Handle<StandardMaterial>,
    pub reagent: Handle<StandardMaterial>,
    pub waste: Handle<StandardMaterial>,
    pub saline: Handle<StandardMaterial>,
    pub cells: Handle<StandardMaterial>,
    pub mirror: Handle<StandardMaterial>,
    pub pack: Handle<StandardMaterial>,
    pub indicator_green: Handle<StandardMaterial>,
    pub indicator_red: Handle<StandardMaterial>,
    pub cooling_plate: Handle<StandardMaterial>,
    /// The donor at the apheresis chair: skin, and a patient's gown.
    pub skin: Handle<StandardMaterial>,
    pub gown: Handle<StandardMaterial>,
    /// ACD-A: clear with a faint yellow tint, told apart from saline by its label.
    pub acd_a: Handle<StandardMaterial>,
    /// Socket markers: faint when idle, green when a carried item fits, red when it does not.
    pub socket_idle: Handle<StandardMaterial>,
    pub socket_fits: Handle<StandardMaterial>,
    pub socket_rejects: Handle<StandardMaterial>,
}

impl Palette {
    pub fn new(materials: &mut Assets<StandardMaterial>, images: &mut Assets<Image>) -> Self {
        let mut solid = |r: f32, g: f32, b: f32, roughness: f32, metallic: f32| {
            materials.add(StandardMaterial {
                base_color: Color::srgb(r, g, b),
                perceptual_roughness: roughness,
                metallic,
                ..default()
            })
        };
        let wall = solid(0.86, 0.88, 0.9, 0.45, 0.0);
        let floor_b = solid(0.70, 0.78, 0.80, 0.3, 0.0);
        let floor_c = solid(0.66, 0.70, 0.66, 0.35, 0.0);
        let floor_clean_side = solid(0.62, 0.76, 0.86, 0.3, 0.0);
        let ceiling = solid(0.95, 0.95, 0.96, 0.8, 0.0);
        let steel = solid(0.78, 0.80, 0.82, 0.28, 0.85);
        let dark_steel = solid(0.45, 0.47, 0.50, 0.35, 0.8);
        let plastic_white = solid(0.96, 0.96, 0.95, 0.4, 0.0);
        let plastic_grey = solid(0.62, 0.65, 0.68, 0.5, 0.0);
        let plastic_dark = solid(0.16, 0.18, 0.21, 0.5, 0.0);
        let accent_blue = solid(0.10, 0.36, 0.66, 0.4, 0.0);
        let door = solid(0.88, 0.90, 0.92, 0.35, 0.1);
        let rubber = solid(0.08, 0.08, 0.09, 0.9, 0.0);
        let mirror = solid(0.85, 0.88, 0.92, 0.04, 1.0);
        let pack = solid(0.90, 0.93, 0.97, 0.7, 0.0);
        let cooling_plate = solid(0.55, 0.70, 0.85, 0.2, 0.9);
        let skin = solid(0.86, 0.69, 0.57, 0.7, 0.0);
        let gown = solid(0.55, 0.72, 0.80, 0.85, 0.0);
        let mut glowing = |r: f32, g: f32, b: f32, strength: f32| {
            materials.add(StandardMaterial {
                base_color: Color::srgb(r, g, b),
                emissive: LinearRgba::rgb(r * strength, g * strength, b * strength),
                ..default()
            })
        };
        let light_panel = glowing(1.0, 0.98, 0.95, 6.0);
        let marking_yellow = glowing(0.95, 0.78, 0.08, 0.15);
        let marking_red = glowing(0.85, 0.12, 0.10, 0.15);
        let marking_green = glowing(0.10, 0.65, 0.30, 0.15);
        let indicator_green = glowing(0.1, 0.9, 0.3, 4.0);
        let indicator_red = glowing(0.95, 0.1, 0.1, 4.0);
        let mut translucent = |r: f32, g: f32, b: f32, a: f32| {
            materials.add(StandardMaterial {
                base_color: Color::srgba(r, g, b, a),
                alpha_mode: AlphaMode::Blend,
                perceptual_roughness: 0.15,
                reflectance: 0.6,
                ..default()
            })
        };
        let glass = translucent(0.80, 0.90, 0.95, 0.22);
        let film = translucent(0.62, 0.78, 0.95, 0.5);
        let tubing = translucent(0.92, 0.95, 0.97, 0.75);
        let media = translucent(0.93, 0.45, 0.42, 0.78);
        let reagent = translucent(0.95, 0.88, 0.55, 0.7);
        let waste = translucent(0.85, 0.62, 0.30, 0.55);
        let saline = translucent(0.85, 0.92, 0.97, 0.55);
        let cells = translucent(0.92, 0.70, 0.62, 0.8);
        let acd_a = translucent(0.95, 0.95, 0.80, 0.55);
        let socket_idle = translucent(0.6, 0.8, 1.0, 0.06);
        let mut signal = |r: f32, g: f32, b: f32| {
            materials.add(StandardMaterial {
                base_color: Color::srgba(r, g, b, 0.55),
                emissive: LinearRgba::rgb(r * 2.0, g * 2.0, b * 2.0),
                alpha_mode: AlphaMode::Blend,
                unlit: true,
                ..default()
            })
        };
        let socket_fits = signal(0.2, 0.9, 0.4);
        let socket_rejects = signal(0.95, 0.2, 0.2);
        let hepa_texture = images.add(grille_texture());
        let hepa = materials.add(StandardMaterial {
            base_color_texture: Some(hepa_texture),
            perceptual_roughness: 0.6,
            metallic: 0.5,
            ..default()
        });
        Self {
            wall,
            floor_b,
            floor_c,
            floor_clean_side,
            ceiling,
            light_panel,
            hepa,
            steel,
            dark_steel,
            plastic_white,
            plastic_grey,
            plastic_dark,
            accent_blue,
            glass,
            film,
            door,
            marking_yellow,
            marking_red,
            marking_green,
            rubber,
            tubing,
            media,
            reagent,
            waste,
            saline,
            cells,
            mirror,
            pack,
            indicator_green,
            indicator_red,
            cooling_plate,
            skin,
            gown,
            acd_a,
            socket_idle,
            socket_fits,
            socket_rejects,
        }
    }
}

/// A perforated HEPA diffuser face: a steel frame with a dense pattern of holes.
fn grille_texture() -> Image {
    const SIZE: u32 = 128;
    let mut pixels = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let frame = x < 8 || y < 8 || x >= SIZE - 8 || y >= SIZE - 8;
            let hole = (x % 6 < 3) && (y % 6 < 3);
            let shade: u8 = if frame {
                205
            } else if hole {
                120
            } else {
                232
            };
            pixels.extend_from_slice(&[shade, shade, shade.saturating_add(4), 255]);
        }
    }
    rgba_image(SIZE, SIZE, pixels)
}

/// `spec` drawn with the shipped font into an image (none, with the error logged, if the font
/// cannot be read).
pub fn sign_image(name: &str, spec: &SignSpec) -> Option<Image> {
    match signs::rasterise(SIGN_FONT, spec) {
        Ok(raster) => Some(rgba_image(raster.width, raster.height, raster.pixels)),
        Err(error) => {
            error!("sign {name}: the shipped font could not be read: {error}");
            None
        }
    }
}

fn rgba_image(width: u32, height: u32, pixels: Vec<u8>) -> Image {
    Image::new(
        Extent3d { width, height, depth_or_array_layers: 1 },
        TextureDimension::D2,
        pixels,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::default(),
    )
}

/// Spawns parts into the world. Positions are world positions unless a parent is given.
pub struct Kit<'w> {
    pub world: &'w mut World,
    pub palette: Palette,
}

/// What a sign says: translation keys drawn in both languages, English above Korean.
pub struct SignText<'a> {
    pub keys: &'a [&'a str],
    pub background: [u8; 4],
    pub ink: [u8; 4],
    pub stripe: Option<[u8; 4]>,
}

impl<'w> Kit<'w> {
    pub fn new(world: &'w mut World) -> Self {
        let palette = world.resource::<Palette>().clone();
        Self { world, palette }
    }

    fn mesh(&mut self, mesh: impl Into<Mesh>) -> Handle<Mesh> {
        self.world.resource_mut::<Assets<Mesh>>().add(mesh)
    }

    /// A solid box the trainee cannot walk through.
    pub fn block(&mut self, name: &str, size: Vec3, centre: Vec3, material: &Handle<StandardMaterial>) -> Entity {
        let mesh = self.mesh(Cuboid::from_size(size));
        self.world
            .spawn((
                Name::new(name.to_owned()),
                Mesh3d(mesh),
                MeshMaterial3d(material.clone()),
                Transform::from_translation(centre),
                RigidBody::Fixed,
                Collider::cuboid(size.x / 2.0, size.y / 2.0, size.z / 2.0),
            ))
            .id()
    }

    /// A visual part without a collider (trim, labels, small details inside a collider).
    pub fn part(
        &mut self,
        name: &str,
        mesh: impl Into<Mesh>,
        transform: Transform,
        material: &Handle<StandardMaterial>,
    ) -> Entity {
        let mesh = self.mesh(mesh);
        self.world.spawn((Name::new(name.to_owned()), Mesh3d(mesh), MeshMaterial3d(material.clone()), transform)).id()
    }

    /// A box-shaped visual part.
    pub fn trim(&mut self, name: &str, size: Vec3, centre: Vec3, material: &Handle<StandardMaterial>) -> Entity {
        self.part(name, Cuboid::from_size(size), Transform::from_translation(centre), material)
    }

    /// A vertical cylinder (poles, wheels on their side are rotated by the caller).
    pub fn cylinder(
        &mut self,
        name: &str,
        radius: f32,
        height: f32,
        transform: Transform,
        material: &Handle<StandardMaterial>,
    ) -> Entity {
        self.part(name, Cylinder::new(radius, height), transform, material)
    }

    /// A flat marking on the floor, from corner to corner.
    pub fn floor_marking(&mut self, name: &str, min: Vec2, max: Vec2, material: &Handle<StandardMaterial>) -> Entity {
        let size = max - min;
        let centre = (min + max) / 2.0;
        self.part(
            name,
            Plane3d::default().mesh().size(size.x, size.y),
            Transform::from_xyz(centre.x, 0.003, centre.y),
            material,
        )
    }

    /// A sign of `width` × `height` metres at `centre`, its face looking along `facing`.
    pub fn sign(&mut self, name: &str, text: SignText, width: f32, height: f32, centre: Vec3, facing: Vec3) -> Entity {
        let lines = self.sign_lines(text.keys, text.ink, height);
        let spec = SignSpec {
            width_px: (width * SIGN_PIXELS_PER_METRE).round() as u32,
            height_px: (height * SIGN_PIXELS_PER_METRE).round() as u32,
            background: text.background,
            stripe: text.stripe.map(|colour| (colour, (height * SIGN_PIXELS_PER_METRE * 0.12) as u32)),
            lines,
        };
        self.panel(name, &spec, width, height, centre, facing, false)
    }

    /// Lines for a bilingual sign: each key in English, then in Korean, smaller.
    fn sign_lines(&self, keys: &[&str], ink: [u8; 4], height: f32) -> Vec<SignLine> {
        let translations = self.world.resource::<Translations>();
        let count = keys.len() as f32;
        let base = (height * SIGN_PIXELS_PER_METRE / (count * 2.6)).min(90.0);
        keys.iter()
            .flat_map(|key| {
                [
                    SignLine { text: translations.get(Language::English, key), size_px: base, colour: ink },
                    SignLine {
                        text: translations.get(Language::Korean, key),
                        size_px: base * 0.8,
                        colour: [ink[0], ink[1], ink[2], 220],
                    },
                ]
            })
            .collect()
    }

    /// A textured panel showing `spec`; `glowing` panels are lit from within (screens).
    pub fn panel(
        &mut self,
        name: &str,
        spec: &SignSpec,
        width: f32,
        height: f32,
        centre: Vec3,
        facing: Vec3,
        glowing: bool,
    ) -> Entity {
        let Some(image) = sign_image(name, spec) else {
            return self.world.spawn(Name::new(name.to_owned())).id();
        };
        let image = self.world.resource_mut::<Assets<Image>>().add(image);
        let material = self.world.resource_mut::<Assets<StandardMaterial>>().add(StandardMaterial {
            base_color_texture: Some(image.clone()),
            emissive_texture: glowing.then_some(image),
            emissive: if glowing { LinearRgba::rgb(1.2, 1.2, 1.2) } else { LinearRgba::BLACK },
            perceptual_roughness: if glowing { 0.2 } else { 0.7 },
            // A screen shows its own light: no glare from the room's lamps washing it out.
            unlit: glowing,
            ..default()
        });
        let mesh = self.mesh(Rectangle::new(width, height));
        self.world
            .spawn((
                Name::new(name.to_owned()),
                Mesh3d(mesh),
                MeshMaterial3d(material),
                Transform::from_translation(centre).looking_to(-facing, Vec3::Y),
            ))
            .id()
    }

    /// A small printed label (bag and pack labels), English over Korean.
    pub fn label(
        &mut self,
        name: &str,
        english: &str,
        korean: &str,
        width: f32,
        height: f32,
        centre: Vec3,
        facing: Vec3,
    ) -> Entity {
        let size = height * SIGN_PIXELS_PER_METRE * 2.0 / 3.2;
        let spec = SignSpec {
            width_px: (width * SIGN_PIXELS_PER_METRE * 2.0) as u32,
            height_px: (height * SIGN_PIXELS_PER_METRE * 2.0) as u32,
            background: [250, 250, 250, 255],
            stripe: None,
            lines: vec![
                SignLine { text: english.to_owned(), size_px: size, colour: [20, 20, 30, 255] },
                SignLine { text: korean.to_owned(), size_px: size * 0.8, colour: [40, 40, 60, 255] },
            ],
        };
        self.panel(name, &spec, width, height, centre, facing, false)
    }
}
