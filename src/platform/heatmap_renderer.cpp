#include "platform/heatmap_renderer.hpp"

#include <GLES3/gl3.h>

#include <cstdio>

#include "app/app_state.hpp"
#include "fp_shaders.hpp"

namespace {

// GL objects of the heatmap, created on first use and kept for the page's life.
struct HeatmapGl {
  GLuint program = 0, vao = 0, texture = 0;
  GLint u_grid = -1, u_goal = -1, u_texel_half = -1;
  uint64_t uploaded_revision = UINT64_MAX;
  bool failed = false;
};
HeatmapGl g_gl;

GLuint Compile(GLenum type, const char* source) {
  const GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "heatmap shader: %s\n", log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

bool Init() {
  if (g_gl.program || g_gl.failed) return !g_gl.failed;
  const GLuint vs = Compile(GL_VERTEX_SHADER, fp_shaders::kWhatifHeatmapVert);
  const GLuint fs = Compile(GL_FRAGMENT_SHADER, fp_shaders::kWhatifHeatmapFrag);
  if (!vs || !fs) {
    g_gl.failed = true;
    return false;
  }
  g_gl.program = glCreateProgram();
  glAttachShader(g_gl.program, vs);
  glAttachShader(g_gl.program, fs);
  glLinkProgram(g_gl.program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(g_gl.program, GL_LINK_STATUS, &ok);
  if (!ok) {
    std::fprintf(stderr, "heatmap shader: link failed\n");
    g_gl.failed = true;
    return false;
  }
  g_gl.u_grid = glGetUniformLocation(g_gl.program, "u_grid");
  g_gl.u_goal = glGetUniformLocation(g_gl.program, "u_goal");
  g_gl.u_texel_half = glGetUniformLocation(g_gl.program, "u_texel_half");
  glGenVertexArrays(1, &g_gl.vao);
  glGenTextures(1, &g_gl.texture);
  glBindTexture(GL_TEXTURE_2D, g_gl.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return true;
}

}  // namespace

void DrawHeatmapCallback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* draw = static_cast<const HeatmapDraw*>(cmd->UserCallbackData);
  if (!draw || !draw->view || draw->view->level.empty() || !Init()) return;
  const WhatIfView& v = *draw->view;
  const int nx = static_cast<int>(v.grid.x_rates.size()), ny = static_cast<int>(v.grid.y_rates.size());

  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, g_gl.texture);
  if (g_gl.uploaded_revision != v.revision) {
    // Row 0 of the texture is the lowest y rate (the bottom of the chart): GL's t = 0.
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R16F, nx, ny, 0, GL_RED, GL_FLOAT, v.level.data());
    g_gl.uploaded_revision = v.revision;
  }
  // The chart rect in framebuffer pixels (ImGui's coordinates; GL's y runs upwards).
  GLint viewport[4];
  glGetIntegerv(GL_VIEWPORT, viewport);
  const int fb_h = viewport[3];
  const int x = static_cast<int>(draw->x0), w = static_cast<int>(draw->x1 - draw->x0);
  const int h = static_cast<int>(draw->y1 - draw->y0);
  const int y = fb_h - static_cast<int>(draw->y1);
  const ImVec4& clip = cmd->ClipRect;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<int>(clip.x), fb_h - static_cast<int>(clip.w), static_cast<int>(clip.z - clip.x),
            static_cast<int>(clip.w - clip.y));
  glViewport(x, y, w, h);
  glDisable(GL_BLEND);
  glUseProgram(g_gl.program);
  glUniform1i(g_gl.u_grid, 0);
  glUniform1f(g_gl.u_goal, v.goal_level);
  glUniform2f(g_gl.u_texel_half, 0.5f / static_cast<float>(nx), 0.5f / static_cast<float>(ny));
  glBindVertexArray(g_gl.vao);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);  // ImGui's reset restores the rest
}
