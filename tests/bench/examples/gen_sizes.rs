use adphoto_bench::corpus;
fn main() {
    let n: usize = std::env::args().nth(1).unwrap().parse().unwrap();
    let g: f32 = std::env::var("G").map(|v| v.parse().unwrap()).unwrap_or(1.0);
    let d: f32 = std::env::var("D").map(|v| v.parse().unwrap()).unwrap_or(1.0);
    let idx: Vec<usize> = (0..n).collect();
    let out = adphoto_bench::parallel::map(&idx, |&i| {
        let mut p = corpus::plan(i);
        p.portrait.grain *= g;
        p.portrait.detail *= d;
        let t = std::time::Instant::now();
        let j = corpus::make_photo(&p).unwrap();
        std::fs::write(format!("/tmp/gen-{i}.jpg"), &j).unwrap();
        format!("{i} {:?} q{} {:?} detail {:.2} grain {:.2}: {:.2} MB {:?}", p.subsamp, p.quality, (p.portrait.width,p.portrait.height), p.portrait.detail, p.portrait.grain, j.len() as f64/1e6, t.elapsed())
    });
    for l in out { println!("{l}"); }
}
