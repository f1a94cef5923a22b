export { SHIPPED_PLUGINS } from './shipped-plugins';
