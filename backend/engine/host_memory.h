#pragma once
// Where the CPU engine's tensors live: activations in a heap that keeps freed blocks mapped,
// weights in mappings of their own.
#include <ATen/ATen.h>

namespace owb {

// A forward pass allocates and frees tensors of the same 4-32 MB sizes at every layer. glibc
// serves blocks that large with fresh mmaps and unmaps them on free (its threshold grows only
// after a free), so every step's output page-faults in again, 4 KiB at a time: on the development
// VM that was ~40 % of an element-wise step's time. This keeps freed blocks up to 32 MiB (glibc's
// limit) in the heap, where the next layer's tensors find them already mapped, and gives memory
// back to the system only when more than 1 GiB lies free at the heap's top. Process-wide, once;
// inference models on the CPU call it (not the trainable model: autograd's allocation pattern ran
// slower with it).
void reuse_freed_activation_memory();

// An uninitialised CPU tensor in an anonymous mapping of its own. For weights: they outlive many
// activations (resident) or come and go a layer at a time (streaming), and in the heap they would
// leave holes that the activations' blocks cannot fill, raising the peak resident set. When the
// last reference goes, the mapping waits (up to 1 GiB of them in all) for the next weight of the
// same size, so a streamed layer reuses an earlier layer's pages; beyond that it is unmapped.
at::Tensor empty_outside_heap(at::IntArrayRef sizes, at::ScalarType dtype);

}  // namespace owb
