"""UI strings per dashboard page; roma_monitor.serve.i18n merges them."""

from roma_monitor.serve.texts import exports, measures, methodology, platform, quality, regions

PAGE_TEXTS = (measures, regions, platform, quality, methodology, exports)
