// Pieces of the training estimate shared by training.cpp and training_activations.cpp (core/src only).
#pragma once

#include "vramfit/training.h"

namespace vramfit::training {

// Bytes per element a norm keeps of its input for backward.
double norm_input_bytes(const TrainingRequest& request);

// Bytes saved outside the layers with a frozen base: the final norm's input and, with LoRA on lm_head, its
// adapter's tensors (the logits are counted apart).
double frozen_head_activation_bytes(const TrainingRequest& request, double b, double s);

// Bytes of the largest 4-bit matrix dequantised for one matmul (forward and backward), all copies alive at once.
double qlora_dequant_bytes(const TrainingRequest& request);

// Bytes per (token x vocabulary entry) the loss keeps until backward: the logits and what cross-entropy saves.
double logits_bytes_per_entry(const TrainingRequest& request);

}  // namespace vramfit::training
