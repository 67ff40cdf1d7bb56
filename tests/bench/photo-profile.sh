#!/usr/bin/env bash
# Where adphoto's CPU time goes, per stage, on the benchmark corpus: `perf record`
# samples CPU time (not wall time: the machine is shared) of one single-threaded
# `adphoto convert` (the benchmark's job), and the samples are summed by stage.
#   tests/bench/photo-profile.sh [--faces] [--framing face|centre] [--repeat N] [--adphoto PATH]
# Needs perf (Debian: linux-perf) and the corpus photo-bench made (run it once first).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
corpus="$here/work/corpus"
framing=centre
repeat=1
adphoto=""
while [ $# -gt 0 ]; do
  case "$1" in
    --faces) corpus="$here/work/corpus-faces" ;;
    --framing) framing="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --adphoto) adphoto="$2"; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
target="${CARGO_TARGET_DIR:-$root/target}"
if [ -z "$adphoto" ]; then
  adphoto="$target/release/adphoto"
  [ -x "$adphoto" ] || cargo build --release --manifest-path "$root/Cargo.toml" -p adphoto-cli
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
photos=$(ls "$corpus"/*.jpg | wc -l)
for i in $(seq "$repeat"); do
  rm -rf "$work/out"
  perf record -q -F 4999 -o "$work/perf-$i.data" -- \
    "$adphoto" convert --jobs 1 -q --preset hd --preset ad --quality 85 --framing "$framing" \
    --out-dir "$work/out" "$corpus" 2>/dev/null
done
for i in $(seq "$repeat"); do
  perf report -q -n -i "$work/perf-$i.data" --no-children --sort sym --stdio 2>/dev/null
done | awk -v photos="$photos" -v repeat="$repeat" -v hz=4999 '
  /%/ {
    pct = $1; sub("%", "", pct); samples = $2; sym = $0;
    stage = "other";
    # Before "kernel": its pattern has "read" in it.
    if (sym ~ /read_structure|entropy_end|memchr/) stage = "JPEG structure walk (limits)";
    else if (sym ~ /decode_mcu|jpeg_fill_bit_buffer|jpeg_huff_decode|process_restart|decompress_onepass|decompress_data|jpeg_read_scanlines|consume_data|decode_mcu_DC|decode_mcu_AC/) stage = "decode: entropy (Huffman)";
    else if (sym ~ /jsimd_idct|jpeg_idct|idct_/) stage = "decode: IDCT";
    else if (sym ~ /upsample|ycc_rgb|ycc_extrgb|color_convert|h2v[12]_|sep_upsample|merged/) stage = "decode: upsampling + colour";
    else if (sym ~ /jsimd_fdct|forward_DCT|quantize|jsimd_convsamp|jsimd_quantize/) stage = "encode: DCT";
    else if (sym ~ /encode_mcu|htest|jpeg_gen_optimal|encode_one_block|finish_pass_gather|emit_|flush_bits|jsimd_huff/) stage = "encode: Huffman (+optimise)";
    else if (sym ~ /rgb_ycc|extrgb_ycc|jsimd_rgb|h2v[12]_downsample|downsample|pre_process|compress_data/) stage = "encode: colour + downsample";
    else if (sym ~ /fast_image_resize|convolution|horiz_convolution|vert_convolution|resize/) stage = "resize (Lanczos3)";
    else if (sym ~ /rustface|lab_boosted|surf_mlp|SurfMlp|LabBoosted|image_pyramid|FuSt|classify|integral/) stage = "face detection";
    else if (sym ~ /Grey8|grey|reduce_with|laplacian|quality|patch/) stage = "face: grey copy + quality checks";
    else if (sym ~ /moxcms|transform/) stage = "colour management";
    else if (sym ~ /memcpy|memmove|memset|__memcpy|__memset/) stage = "memory copies";
    else if (sym ~ /page_fault|clear_page|kernel|\[k\]|do_syscall|entry_SYSCALL|read|write/) stage = "kernel (I\/O, page faults)";
    share[stage] += pct / repeat;
    ms[stage] += samples / hz * 1000 / photos / repeat;
  }
  END {
    for (k in share) printf "%6.1f%%  %6.2f  %s\n", share[k], ms[k], k;
  }' | sort -rn | { echo "  CPU %  ms/photo  stage"; cat; }
echo "($photos photos, $repeat run(s); perf samples of CPU time at 4999 Hz, by symbol; ms/photo = samples / rate / photos)"
