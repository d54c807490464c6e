# Run by cpack after it has installed into its staging folder. zsh reads a
# local install's completion from share/zsh/site-functions (under /usr/local)
# and a Debian package's from /usr/share/zsh/vendor-completions.
set(zsh_share "${CPACK_TEMPORARY_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}/${CPACK_KOE_DATADIR}/zsh")
if(NOT EXISTS "${zsh_share}/site-functions/_koe")
  message(FATAL_ERROR "zsh-prebuild.cmake: no ${zsh_share}/site-functions/_koe to move")
endif()
file(RENAME "${zsh_share}/site-functions" "${zsh_share}/vendor-completions")
