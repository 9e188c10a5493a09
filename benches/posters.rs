//! `cargo bench --bench posters [-- N [RUNS]]`: the time of `niemyet posters` for N residential
//! areas (1,000 by default; median of 5 runs) and the size of a poster. See `poster_run/`.

mod poster_run;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    poster_run::main(&args);
}
