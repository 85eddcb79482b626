// Grows the wasm heap in one step before work whose size the input announces.
//
// The allocator of Rust's wasm32 target (dlmalloc) grows linear memory by about what each
// allocation needs, so reading a large file grows it 64 KiB at a time, thousands of times. In
// Node 20.20 (V8 11.3) each `memory.grow` costs time in proportion to the memory's size. On
// the 2-core project machine, growing a memory page by page from 1 MiB to 250 MiB took about
// 3 s, and one grow of the same size took 4 ms. A million-row file spent minutes that way.
// Allocating the expected size once and freeing it leaves that memory in the allocator's free
// space, where the rows that follow are carved from without growing memory again.

/// Heap bytes reserved per byte of a rows file. An estimate: after 100,000 benchmark rows the
/// wasm memory was about 13 times the file's size, so 16 leaves some room.
const HEAP_BYTES_PER_INPUT_BYTE: usize = 16;

/// The largest single reservation, a quarter of wasm32's 4 GiB address space.
const MAX_RESERVATION_BYTES: usize = 1 << 30;

/// Makes sure the heap has room for the work on an input of `input_bytes` bytes. A failed
/// reservation is ignored: the work then grows memory as it goes, only more slowly.
pub(crate) fn reserve_for_input(input_bytes: usize) {
    let bytes = input_bytes
        .saturating_mul(HEAP_BYTES_PER_INPUT_BYTE)
        .min(MAX_RESERVATION_BYTES);
    let mut block: Vec<u8> = Vec::new();
    if block.try_reserve_exact(bytes).is_ok() {
        // Keeps the optimizer from removing an allocation that is never written.
        std::hint::black_box(&mut block);
    }
}
