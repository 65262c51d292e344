import { createTheme } from '@mui/material/styles';
import { zhCN } from '@mui/material/locale';

/** System CJK faces only: the app runs offline, so no web fonts are fetched. */
export const FONT_STACK = "'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif";

export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1f5fa8' },
      secondary: { main: '#8a5a00' },
      background: { default: '#f4f6f9' },
    },
    typography: { fontFamily: FONT_STACK, fontSize: 14 },
    shape: { borderRadius: 4 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  },
  zhCN,
);
