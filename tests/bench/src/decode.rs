//! JPEG to RGB at full size, for the reference and for reading the tools' outputs back.

use turbojpeg::{Decompressor, Image, PixelFormat};

pub struct Rgb {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

pub fn decode_rgb(jpeg: &[u8]) -> Result<Rgb, String> {
    let mut dec = Decompressor::new().map_err(|e| e.to_string())?;
    let header = dec.read_header(jpeg).map_err(|e| e.to_string())?;
    let (w, h) = (header.width, header.height);
    let mut pixels = vec![0u8; w * h * 3];
    let image = Image {
        pixels: pixels.as_mut_slice(),
        width: w,
        pitch: w * 3,
        height: h,
        format: PixelFormat::RGB,
    };
    dec.decompress(jpeg, image).map_err(|e| e.to_string())?;
    Ok(Rgb {
        width: w as u32,
        height: h as u32,
        pixels,
    })
}
