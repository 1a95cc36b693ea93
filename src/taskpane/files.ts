/** File contents with FileReader as a fallback where Blob.text()/arrayBuffer() are missing (older webviews). */
function viaReader<T>(file: Blob, how: "text" | "buffer"): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(reader.error ?? new Error("FileReader failed"));
    if (how === "text") reader.readAsText(file);
    else reader.readAsArrayBuffer(file);
  });
}

export function fileText(file: Blob): Promise<string> {
  return typeof file.text === "function" ? file.text() : viaReader<string>(file, "text");
}

export function fileBytes(file: Blob): Promise<ArrayBuffer> {
  return typeof file.arrayBuffer === "function" ? file.arrayBuffer() : viaReader<ArrayBuffer>(file, "buffer");
}
