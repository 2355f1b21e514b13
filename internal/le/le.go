// Package le fills slices of numbers from little-endian bytes, as model
// files store them. On a little-endian machine that is one copy, where
// decoding value by value cost ~18 instructions each (the compiler keeps
// the bounds checks of b[2*i:]): about 30M at start-up for the entity
// model's 1.7M weights.
package le

import (
	"encoding/binary"
	"unsafe"
)

var little = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// Fill fills dst from the first len(dst) values' worth of bytes of b.
func Fill[T int16 | int32 | uint32 | uint64 | float32](dst []T, b []byte) {
	b = b[:len(dst)*int(unsafe.Sizeof(T(0)))]
	if little {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), len(b)), b)
		return
	}
	if _, err := binary.Decode(b, binary.LittleEndian, dst); err != nil {
		panic("le: " + err.Error()) // b has exactly the bytes dst needs
	}
}
