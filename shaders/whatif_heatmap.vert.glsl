#version 300 es
// Full-rectangle quad from gl_VertexID (no vertex buffer); the viewport is the chart's rect.
out vec2 v_uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = corner;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
