//! A safe face over the parts of libjpeg-turbo's TurboJPEG 3 API the engine uses:
//! header reading, scaled and cropped decoding, and baseline encoding.

use std::ffi::CStr;
use std::os::raw::c_int;

use turbojpeg_sys as tj;

use super::turbo_sys as sys;

/// A libjpeg-turbo failure, with its message. Warnings (recoverable damage) are told
/// apart from fatal errors because a slightly damaged camera file still makes a fine
/// photo, while a truncated one does not.
#[derive(Debug, Clone)]
pub struct TurboError {
    pub message: String,
    pub warning: bool,
}

pub struct Handle(tj::tjhandle);

// Safety: a TurboJPEG handle holds no thread-affine state; we never share one between
// threads at the same time (it is moved, never aliased).
unsafe impl Send for Handle {}

impl Handle {
    fn new(kind: tj::TJINIT) -> Result<Handle, TurboError> {
        // Safety: tj3Init has no preconditions; NULL is checked.
        let raw = unsafe { tj::tj3Init(kind as c_int) };
        if raw.is_null() {
            return Err(TurboError {
                message: "libjpeg-turbo could not allocate a handle".into(),
                warning: false,
            });
        }
        Ok(Handle(raw))
    }

    fn set(&mut self, param: tj::TJPARAM, value: c_int) -> Result<(), TurboError> {
        // Safety: the handle is valid for our lifetime.
        if unsafe { tj::tj3Set(self.0, param as c_int, value) } != 0 {
            return Err(self.error());
        }
        Ok(())
    }

    fn get(&self, param: tj::TJPARAM) -> c_int {
        // Safety: the handle is valid for our lifetime.
        unsafe { tj::tj3Get(self.0, param as c_int) }
    }

    fn error(&self) -> TurboError {
        // Safety: tj3GetErrorStr returns a NUL-terminated string owned by the handle.
        let message = unsafe {
            let s = tj::tj3GetErrorStr(self.0);
            if s.is_null() {
                String::from("unknown libjpeg-turbo error")
            } else {
                CStr::from_ptr(s).to_string_lossy().into_owned()
            }
        };
        let warning = unsafe { tj::tj3GetErrorCode(self.0) } == tj::TJERR_TJERR_WARNING as c_int;
        TurboError { message, warning }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // Safety: created by tj3Init, destroyed exactly once.
        unsafe { tj::tj3Destroy(self.0) }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct JpegHeader {
    pub width: u32,
    pub height: u32,
    /// TJSAMP_* value; negative when the layout is unusual (some CMYK files).
    pub subsampling: i32,
    pub cmyk: bool,
    pub precision: i32,
    pub lossless: bool,
}

/// Integer rectangle in the scaled image, as TurboJPEG crops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

pub struct Decompressor(Handle);

impl Decompressor {
    pub fn new() -> Result<Self, TurboError> {
        let mut h = Handle::new(tj::TJINIT_TJINIT_DECOMPRESS)?;
        // A progressive file with thousands of tiny scans is a known CPU bomb; cameras
        // write about ten.
        h.set(tj::TJPARAM_TJPARAM_SCANLIMIT, 500)?;
        Ok(Decompressor(h))
    }

    /// Caps libjpeg's intermediate buffers (the coefficient buffer of a multi-scan
    /// file) at `bytes`: past it the decode fails instead of allocating.
    pub fn limit_memory(&mut self, bytes: u64) -> Result<(), TurboError> {
        let megabytes = c_int::try_from(bytes.div_ceil(1 << 20)).unwrap_or(c_int::MAX).max(1);
        self.0.set(tj::TJPARAM_TJPARAM_MAXMEMORY, megabytes)
    }

    pub fn header(&mut self, jpeg: &[u8]) -> Result<JpegHeader, TurboError> {
        // Safety: pointer and length describe a live slice.
        let rc = unsafe { sys::tj3DecompressHeader(self.0 .0, jpeg.as_ptr(), jpeg.len()) };
        // A warning here (stray bytes between segments) is what many camera files
        // have; the decode that follows decides whether the data is usable. The error is
        // read once: reading it clears the handle's own message.
        if rc != 0 {
            let e = self.0.error();
            if !e.warning {
                return Err(e);
            }
        }
        let h = &self.0;
        let colorspace = h.get(tj::TJPARAM_TJPARAM_COLORSPACE);
        Ok(JpegHeader {
            width: h.get(tj::TJPARAM_TJPARAM_JPEGWIDTH).max(0) as u32,
            height: h.get(tj::TJPARAM_TJPARAM_JPEGHEIGHT).max(0) as u32,
            subsampling: h.get(tj::TJPARAM_TJPARAM_SUBSAMP),
            cmyk: colorspace == tj::TJCS_TJCS_CMYK as c_int || colorspace == tj::TJCS_TJCS_YCCK as c_int,
            precision: h.get(tj::TJPARAM_TJPARAM_PRECISION),
            lossless: h.get(tj::TJPARAM_TJPARAM_LOSSLESS) != 0,
        })
    }

    /// Width of one iMCU at the given scale: cropped decodes must start on a multiple.
    pub fn scaled_mcu_width(header: &JpegHeader, num: u32, denom: u32) -> u32 {
        let mcu = match header.subsampling {
            s if s == tj::TJSAMP_TJSAMP_420 || s == tj::TJSAMP_TJSAMP_422 => 16,
            s if s == tj::TJSAMP_TJSAMP_411 || s == tj::TJSAMP_TJSAMP_441 => 32,
            _ => 8,
        };
        scaled(mcu, num, denom)
    }

    /// Decodes the image at `num/denom` scale, optionally only `region` (in scaled
    /// coordinates), into `channels`-byte pixels (3 = RGB, 4 = CMYK). Must follow
    /// `header()` on the same data. Returns the pixels and any warning.
    pub fn decode(
        &mut self,
        jpeg: &[u8],
        num: u32,
        denom: u32,
        region: Option<Region>,
        cmyk: bool,
    ) -> Result<(Vec<u8>, u32, u32, Option<String>), TurboError> {
        let h = &mut self.0;
        // libjpeg-turbo lists its factors in lowest terms (1/4, not 2/8).
        let common = gcd(num, denom).max(1);
        let factor = tj::tjscalingfactor {
            num: (num / common) as c_int,
            denom: (denom / common) as c_int,
        };
        // Safety: handle valid; the factor is one of tj3GetScalingFactors' (eighths).
        if unsafe { tj::tj3SetScalingFactor(h.0, factor) } != 0 {
            return Err(h.error());
        }
        let full = (
            scaled(h.get(tj::TJPARAM_TJPARAM_JPEGWIDTH) as u32, num, denom),
            scaled(h.get(tj::TJPARAM_TJPARAM_JPEGHEIGHT) as u32, num, denom),
        );
        let r = region.unwrap_or(Region {
            x: 0,
            y: 0,
            width: full.0,
            height: full.1,
        });
        let crop = if region.is_some() {
            tj::tjregion {
                x: r.x as c_int,
                y: r.y as c_int,
                w: r.width as c_int,
                h: r.height as c_int,
            }
        } else {
            tj::tjregion { x: 0, y: 0, w: 0, h: 0 }
        };
        // Safety: handle valid; region checked by the library against the scaled size.
        if unsafe { tj::tj3SetCroppingRegion(h.0, crop) } != 0 {
            return Err(h.error());
        }
        let (format, channels) = if cmyk {
            (tj::TJPF_TJPF_CMYK, 4)
        } else {
            (tj::TJPF_TJPF_RGB, 3)
        };
        let mut out = vec![0u8; r.width as usize * r.height as usize * channels];
        // Safety: `out` holds exactly width*height*channels bytes with pitch width*channels.
        let rc = unsafe {
            sys::tj3Decompress8(
                h.0,
                jpeg.as_ptr(),
                jpeg.len(),
                out.as_mut_ptr(),
                (r.width as usize * channels) as c_int,
                format as c_int,
            )
        };
        let mut warning = None;
        if rc != 0 {
            let e = h.error();
            if !e.warning {
                return Err(e);
            }
            warning = Some(e.message);
        }
        Ok((out, r.width, r.height, warning))
    }
}

pub struct Compressor(Handle);

impl Compressor {
    pub fn new() -> Result<Self, TurboError> {
        let mut h = Handle::new(tj::TJINIT_TJINIT_COMPRESS)?;
        // 4:2:0 halves the chroma data at no visible cost for portraits; optimised
        // Huffman tables shave 5-10% of every byte replicated to every DC.
        h.set(tj::TJPARAM_TJPARAM_SUBSAMP, tj::TJSAMP_TJSAMP_420 as c_int)?;
        h.set(tj::TJPARAM_TJPARAM_OPTIMIZE, 1)?;
        h.set(tj::TJPARAM_TJPARAM_FASTDCT, 0)?;
        Ok(Compressor(h))
    }

    /// Encodes packed RGB as a baseline JFIF JPEG with no other metadata.
    pub fn encode_rgb(&mut self, rgb: &[u8], width: u32, height: u32, quality: u8) -> Result<Vec<u8>, TurboError> {
        let h = &mut self.0;
        h.set(tj::TJPARAM_TJPARAM_QUALITY, c_int::from(quality.clamp(1, 100)))?;
        let mut buf: *mut u8 = std::ptr::null_mut();
        let mut size: usize = 0;
        // Safety: `rgb` holds width*height*3 bytes; the library allocates `buf`, which we
        // copy then free with tj3Free.
        let rc = unsafe {
            sys::tj3Compress8(
                h.0,
                rgb.as_ptr(),
                width as c_int,
                (width * 3) as c_int,
                height as c_int,
                tj::TJPF_TJPF_RGB as c_int,
                &mut buf,
                &mut size,
            )
        };
        let result = if rc != 0 || buf.is_null() {
            Err(h.error())
        } else {
            // Safety: the library wrote `size` bytes at `buf`.
            Ok(unsafe { std::slice::from_raw_parts(buf, size) }.to_vec())
        };
        if !buf.is_null() {
            // Safety: allocated by the library; freed once.
            unsafe { tj::tj3Free(buf.cast()) };
        }
        result
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// libjpeg-turbo's rounding of a scaled dimension (TJSCALED).
pub fn scaled(dimension: u32, num: u32, denom: u32) -> u32 {
    ((u64::from(dimension) * u64::from(num)).div_ceil(u64::from(denom))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sizes cross the FFI as `size_t` on every system: the length libjpeg-turbo reports is
    /// exactly the JPEG's, which reads back whole. (Declared as a 32-bit `c_ulong`, as the
    /// bindings of turbojpeg-sys do, the Windows build failed every encode.)
    #[test]
    fn an_encoded_jpeg_has_its_exact_length_and_decodes_back() {
        let (width, height) = (37u32, 23u32);
        let rgb: Vec<u8> = (0..width * height * 3).map(|i| (i * 7 % 251) as u8).collect();
        let jpeg = Compressor::new().unwrap().encode_rgb(&rgb, width, height, 90).unwrap();
        assert_eq!(jpeg[..2], [0xFF, 0xD8]);
        assert_eq!(
            jpeg[jpeg.len() - 2..],
            [0xFF, 0xD9],
            "the reported length ends at the EOI marker"
        );

        let mut decompressor = Decompressor::new().unwrap();
        let header = decompressor.header(&jpeg).unwrap();
        assert_eq!((header.width, header.height), (width, height));
        let (pixels, w, h, warning) = decompressor.decode(&jpeg, 8, 8, None, false).unwrap();
        assert_eq!((w, h), (width, height));
        assert_eq!(pixels.len(), (width * height * 3) as usize);
        assert_eq!(warning, None);
    }

    /// A failure carries libjpeg-turbo's own words, read once from the handle.
    #[test]
    fn a_failure_says_what_libjpeg_turbo_said() {
        let e = Decompressor::new().unwrap().header(b"not a JPEG at all").unwrap_err();
        assert!(!e.warning);
        assert!(!e.message.is_empty() && e.message != "No error", "{}", e.message);
    }
}
