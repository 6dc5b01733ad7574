<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../onemap/gui/actions.py" line="+82"/>
        <source>打开清单…</source>
        <extracomment>the map&apos;s click modes (measuring, adding, moving): at most one is on</extracomment>
        <translation>打开清单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打开一个 .gpkg 清单文件</source>
        <translation>打开一个 .gpkg 清单文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出地图图片…</source>
        <translation>导出地图图片…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把当前地图保存为 PNG 图片</source>
        <translation>把当前地图保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全图</source>
        <translation>全图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>显示整个县（Home 键）</source>
        <translation>显示整个县（Home 键）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>放大</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缩小</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缩放到选中</source>
        <translation>缩放到选中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把选中的小区放到视图中央</source>
        <translation>把选中的小区放到视图中央</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消选择</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>测量距离</source>
        <translation>测量距离</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>依次点击各点，双击结束；椭球面（大地线）距离</source>
        <translation>依次点击各点，双击结束；椭球面（大地线）距离</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>测量面积</source>
        <translation>测量面积</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>依次点击多边形各顶点，双击结束；椭球面面积</source>
        <translation>依次点击多边形各顶点，双击结束；椭球面面积</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择离线底图（MBTiles）…</source>
        <translation>选择离线底图（MBTiles）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由清单生成底图</source>
        <translation>由清单生成底图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不显示底图</source>
        <translation>不显示底图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态栏显示高斯-克吕格坐标</source>
        <translation>状态栏显示高斯-克吕格坐标</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/main_window.py" line="+596"/>
        <source>关于 OneMap</source>
        <translation>关于 OneMap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近打开</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视图</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工具</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>工具栏</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>地图</source>
        <translation>地图</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>帮助</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>小区点的着色方式</source>
        <translation>小区点的着色方式</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>搜索名称、编码、地址或拼音首字母（如 gy）</source>
        <translation>搜索名称、编码、地址或拼音首字母（如 gy）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/app.py" line="+144"/>
        <source>设置已重置</source>
        <extracomment>how long the opening thread holds back reading the columns the first frame does not draw, until someone asks for them (the docks do, right after the first frame)</extracomment>
        <translation>设置已重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置文件已损坏，已恢复默认设置。原文件另存为：{path}</source>
        <translation>设置文件已损坏，已恢复默认设置。原文件另存为：{path}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/basemaps.py" line="+46"/>
        <source>在线底图</source>
        <translation>在线底图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天地图 矢量（含注记）</source>
        <translation>天地图 矢量（含注记）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>天地图 影像（含注记）</source>
        <translation>天地图 影像（含注记）</translation>
    </message>
    <message>
        <source>自定义瓦片地址</source>
        <translation type="vanished">自定义瓦片地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预下载当前视图（仅自有底图）</source>
        <translation>预下载当前视图（仅自有底图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在线底图设置…</source>
        <translation>在线底图设置…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>无法使用在线底图</source>
        <translation>无法使用在线底图</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在线底图未开启：只显示已缓存的瓦片（地图 ▸ 在线底图 ▸ 在线底图设置）</source>
        <translation>在线底图未开启：只显示已缓存的瓦片（地图 ▸ 在线底图 ▸ 在线底图设置）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>密钥未保存</source>
        <translation>密钥未保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="+116"/>
        <source>本机没有可用的系统钥匙串，密钥未保存，也没有写入任何文件。</source>
        <translation>本机没有可用的系统钥匙串，密钥未保存，也没有写入任何文件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+3"/>
        <source>无法预下载</source>
        <translation>无法预下载</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>请先显示一个在线底图。</source>
        <translation>请先显示一个在线底图。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已预下载 {count} 个瓦片到本机缓存</source>
        <translation>已预下载 {count} 个瓦片到本机缓存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择离线底图</source>
        <translation>选择离线底图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MBTiles 底图 (*.mbtiles);;所有文件 (*)</source>
        <translation>MBTiles 底图 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>无法打开底图</source>
        <translation>无法打开底图</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>底图生成失败：{message}</source>
        <translation>底图生成失败：{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已由清单生成离线底图</source>
        <translation>已由清单生成离线底图</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/canvas/overlay.py" line="+108"/>
        <source>北</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+14"/>
        <source>按改造状态</source>
        <translation>按改造状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造年度</source>
        <translation>按改造年度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造类别</source>
        <translation>按改造类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>颜色为最高改造档次（基础→完善→提升），菱形表示含安全类</source>
        <translation>颜色为最高改造档次（基础→完善→提升），菱形表示含安全类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按评分</source>
        <translation>按评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>得分为默认权重下各项之和（满分 100）；灰色三角为不符合改造条件</source>
        <translation>得分为默认权重下各项之和（满分 100）；灰色三角为不符合改造条件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>底图</source>
        <extracomment>onemap.view.state.LAYERS values</extracomment>
        <translation>底图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alerts.py" line="+52"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+8"/>
        <source>告警</source>
        <extracomment>the status filter&apos;s extra choice: every status still being handled</extracomment>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/legend.py" line="+40"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="-7"/>
        <source>小区范围</source>
        <translation>小区范围</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/survey_form.py" line="+62"/>
        <source>城市体检调查：{name}（{code}）</source>
        <extracomment>keeps one finding and its photo&apos;s bytes (None: no photo)</extracomment>
        <translation>城市体检调查：{name}（{code}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+88"/>
        <source>全小区</source>
        <translation>全小区</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>未填</source>
        <translation>未填</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>添加</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <location filename="../../onemap/gui/docks/legend.py" line="+2"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>楼栋</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+19"/>
        <source>指标</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>问题</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>数值</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>调查日期</source>
        <translation>调查日期</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>选择照片…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>数值（缺口、千米）</source>
        <translation>数值（缺口、千米）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>照片无法存入</source>
        <translation>照片无法存入</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+22"/>
        <source>照片</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调查人</source>
        <translation>调查人</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>（不选）</source>
        <translation>（不选）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>选择照片</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>小区点位</source>
        <translation>小区点位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称标注</source>
        <translation>名称标注</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details_watch.py" line="+36"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+1"/>
        <source>传感器</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>近30天无告警</source>
        <translation>近30天无告警</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/i18n/core_text.py" line="+2"/>
        <source>选中</source>
        <translation>选中</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details.py" line="+79"/>
        <source>小区详情</source>
        <translation>小区详情</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>（光标处共 {n} 个小区，选择查看）</source>
        <translation>（光标处共 {n} 个小区，选择查看）</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>复制电话号码</source>
        <translation>复制电话号码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>电话已隐藏中间四位，不能复制（可在设置中关闭）</source>
        <translation>电话已隐藏中间四位，不能复制（可在设置中关闭）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制{role}的电话</source>
        <translation>复制{role}的电话</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已复制电话号码 {phone}</source>
        <translation>已复制电话号码 {phone}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>合计</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>无修改记录</source>
        <translation>无修改记录</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/filters.py" line="+31"/>
        <source>筛选</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+21"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+95"/>
        <location filename="../../onemap/gui/docks/table.py" line="+101"/>
        <source>{shown} / {total} 个小区</source>
        <translation>{shown} / {total} 个小区</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/layers.py" line="+19"/>
        <source>图层</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/legend.py" line="-4"/>
        <source>聚合（环为各类占比，数字为小区数）</source>
        <translation>聚合（环为各类占比，数字为小区数）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>行政区界线</source>
        <translation>行政区界线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选中的小区</source>
        <translation>选中的小区</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>缩小时，相邻的小区合并为一个圆环：环上各段为各类别所占比例，中间数字为小区数；点击放大</source>
        <translation>缩小时，相邻的小区合并为一个圆环：环上各段为各类别所占比例，中间数字为小区数；点击放大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>小区范围面（红线），按所属类别着色</source>
        <translation>小区范围面（红线），按所属类别着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋基底</source>
        <translation>楼栋基底</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县、镇（街道）界线</source>
        <translation>县、镇（街道）界线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在地图或表格中选中的小区</source>
        <translation>在地图或表格中选中的小区</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+15"/>
        <source>图例</source>
        <translation>图例</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数量</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>着色：{title}</source>
        <translation>着色：{title}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table.py" line="-80"/>
        <source>属性表</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table_model.py" line="+61"/>
        <source>编码</source>
        <extracomment>(header, text of one cell, sort key array)</extracomment>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/score_dialog.py" line="+43"/>
        <source>评分排序（权重 {version}）</source>
        <extracomment>rows shown (the score sheet and ``onemap score`` hold them all)</extracomment>
        <translation>评分排序（权重 {version}）</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../../onemap/gui/docks/table_model.py" line="+1"/>
        <source>小区名称</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="+126"/>
        <source>名次</source>
        <translation>名次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>变化</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>小区编码</source>
        <translation>小区编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-1"/>
        <source>得分</source>
        <translation>得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-2"/>
        <source>符合条件</source>
        <translation>符合条件</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>与打开时相比，{n} 个小区名次变化</source>
        <translation>与打开时相比，{n} 个小区名次变化</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/table_model.py" line="+1"/>
        <source>镇（街道）</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>社区</source>
        <translation>社区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改造状态</source>
        <translation>改造状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>改造年度</source>
        <translation>改造年度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>改造类别</source>
        <translation>改造类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>户数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋数</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>总投资（万元）</source>
        <translation>总投资（万元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/i18n/core_text.py" line="-1"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/session.py" line="+120"/>
        <source>编辑小区…</source>
        <extracomment>seconds an edit waits for another program holding the file before it is refused</extracomment>
        <translation>编辑小区…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在表单中修改当前小区的各项信息</source>
        <translation>在表单中修改当前小区的各项信息</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+198"/>
        <source>删除小区</source>
        <translation>删除小区</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>删除当前小区（可撤销）</source>
        <translation>删除当前小区（可撤销）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新建小区</source>
        <translation>新建小区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在地图上点击新小区的位置，再填写表单</source>
        <translation>在地图上点击新小区的位置，再填写表单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>移动小区</source>
        <translation>移动小区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按住小区点拖到新位置后松开（可撤销）</source>
        <translation>按住小区点拖到新位置后松开（可撤销）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>改范围面</source>
        <translation>改范围面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>拖动所选小区范围面的顶点改变其形状（可撤销）</source>
        <translation>拖动所选小区范围面的顶点改变其形状（可撤销）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>编辑</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>只读：{reason}</source>
        <translation>只读：{reason}</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>清单以只读方式打开，不能编辑：{reason}</source>
        <translation>清单以只读方式打开，不能编辑：{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../../onemap/gui/server/control.py" line="+244"/>
        <location filename="../../onemap/gui/server/edit.py" line="+104"/>
        <source>无法编辑</source>
        <translation>无法编辑</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>删除小区“{name}”（{code}）及其范围面、楼栋、联系人、摄像头、资金和改造内容？
可以用“撤销”恢复。</source>
        <translation>删除小区“{name}”（{code}）及其范围面、楼栋、联系人、摄像头、资金和改造内容？
可以用“撤销”恢复。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法删除</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无法移动</source>
        <translation>无法移动</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无法修改范围面</source>
        <translation>无法修改范围面</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>在地图上点击新小区的位置（Esc 取消）</source>
        <translation>在地图上点击新小区的位置（Esc 取消）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/errors.py" line="+85"/>
        <source>OneMap 遇到了一个意外错误，刚才的操作没有完成，程序可以继续使用。

错误：{error}
位置：{where}

详细信息已写入日志：{log}</source>
        <translation>OneMap 遇到了一个意外错误，刚才的操作没有完成，程序可以继续使用。

错误：{error}
位置：{where}

详细信息已写入日志：{log}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>意外错误</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未知</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{file} 第 {line} 行（{function}）</source>
        <translation>{file} 第 {line} 行（{function}）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/estate_drag.py" line="+123"/>
        <source>移动到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</source>
        <extracomment>a release closer than this to the press is a click, not a move</extracomment>
        <translation>移动到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="-511"/>
        <location line="+1"/>
        <location line="+326"/>
        <location line="+199"/>
        <source>OneMap 一张图</source>
        <extracomment>a view tab&apos;s source title, kept on its widget pinyin is indexed in the background this long after opening (not to slow the first paint) a window opened on an inventory fills its docks after the map&apos;s first frame, or after this long</extracomment>
        <translation>OneMap 一张图</translation>
    </message>
    <message>
        <location line="-517"/>
        <source>二维地图</source>
        <translation>二维地图</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>打开清单</source>
        <translation>打开清单</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/server/checkin_dialog.py" line="+164"/>
        <source>OneMap 清单 (*.gpkg);;所有文件 (*)</source>
        <translation>OneMap 清单 (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/app.py" line="+3"/>
        <location filename="../../onemap/gui/main_window.py" line="+14"/>
        <source>无法打开清单</source>
        <translation>无法打开清单</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="+40"/>
        <source>已打开 {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>无法重新读取清单</source>
        <translation>无法重新读取清单</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>（只读）</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{title} - OneMap 一张图</source>
        <translation>{title} - OneMap 一张图</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/refstyle_editor.py" line="+46"/>
        <source>参考图层样式：{name}</source>
        <translation>参考图层样式：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>线条颜色</source>
        <translation>线条颜色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>填充颜色</source>
        <translation>填充颜色</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+39"/>
        <source>默认</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>线宽（像素）</source>
        <translation>线宽（像素）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../onemap/gui/main_window.py" line="+44"/>
        <source>（无）</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>标注字段</source>
        <translation>标注字段</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>选择颜色</source>
        <translation>选择颜色</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="+3"/>
        <source>清空列表</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>没有选中已定位的小区</source>
        <translation>没有选中已定位的小区</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>导出地图图片</source>
        <translation>导出地图图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已导出 {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>导出失败</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>无法写入 {path}。</source>
        <translation type="vanished">无法写入 {path}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>OneMap 一张图 {version}
老旧小区改造清单的桌面地图。</source>
        <translation>OneMap 一张图 {version}
老旧小区改造清单的桌面地图。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/map_controller.py" line="+157"/>
        <source>{name}
状态：{status}</source>
        <extracomment>the live watch&apos;s marks answer first when one is under the cursor (a tip, or &apos;&apos;)</extracomment>
        <translation>{name}
状态：{status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
此处还有 {n} 个小区</source>
        <translation>
此处还有 {n} 个小区</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/menus.py" line="+84"/>
        <source>导入台账…</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>把 Excel/CSV/GeoJSON 台账导入当前清单</source>
        <translation>把 Excel/CSV/GeoJSON 台账导入当前清单</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>按当前筛选导出 GeoPackage、GeoJSON、CSV、Excel 或 KML</source>
        <translation>按当前筛选导出 GeoPackage、GeoJSON、CSV、Excel 或 KML</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印简报…</source>
        <translation>打印简报…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>为选中的小区（或当前筛选）生成 PDF 简报</source>
        <translation>为选中的小区（或当前筛选）生成 PDF 简报</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>设置…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>底图、播放器、署名、语言、坐标显示、电话隐藏</source>
        <translation>底图、播放器、署名、语言、坐标显示、电话隐藏</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>当前筛选含搜索词等无法作为导出条件的部分，导出按其余条件。</source>
        <translation>当前筛选含搜索词等无法作为导出条件的部分，导出按其余条件。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/main_window.py" line="-498"/>
        <location filename="../../onemap/gui/scene3d/binding.py" line="+123"/>
        <source>三维场景</source>
        <translation>三维场景</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/snapshot_render.py" line="+198"/>
        <source>{county}老旧小区改造分布图</source>
        <translation>{county}老旧小区改造分布图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · {name}（{code}）</source>
        <translation> · {name}（{code}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{how} · 显示 {shown} / 共 {total} 个小区 · {today}</source>
        <translation>{how} · 显示 {shown} / 共 {total} 个小区 · {today}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> · 筛选：{what}</source>
        <translation> · 筛选：{what}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>图例 · {title}</source>
        <translation>图例 · {title}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/statusbar.py" line="+75"/>
        <source>经度 {lon:.6f}°  纬度 {lat:.6f}°（CGCS2000）</source>
        <translation>经度 {lon:.6f}°  纬度 {lat:.6f}°（CGCS2000）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  X {x:,.1f} 米  Y {y:,.1f} 米（EPSG:{epsg}）</source>
        <translation>  X {x:,.1f} 米  Y {y:,.1f} 米（EPSG:{epsg}）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>显示 {shown} / 共 {total} 个小区</source>
        <translation>显示 {shown} / 共 {total} 个小区</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>比例尺 {scale}</source>
        <translation>比例尺 {scale}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/basemap_builder.py" line="+284"/>
        <source>正在生成底图（{done}/{total}）</source>
        <extracomment>built-up areas: a disc this wide round every estate (the demo&apos;s estates sit ~380 m apart, so discs merge) county names baked into tiles up to this zoom: none now. Place names are vector labels drawn above the estates (onemap/gui/canvas/reflayers.py): in tiles they blurred when a tile was stretched between zooms, came out oversized and lay under the cluster rings. what the builder draws, kept as the MBTiles ``version``: a basemap made by an older builder (version 1 baked county names into its tiles) is rebuilt in the background when shown</extracomment>
        <translation>正在生成底图（{done}/{total}）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/editing/outline_edit.py" line="+129"/>
        <source>按住所选小区范围面的顶点拖到新位置后松开（Esc 取消）</source>
        <extracomment>a release closer than this to the press is a click, not a move how long the hint and a refusal stay in the status bar the estate whose handles are shown, its rings and their display coordinates the grabbed vertex: (ring index, vertex index), or None</extracomment>
        <translation>按住所选小区范围面的顶点拖到新位置后松开（Esc 取消）</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>顶点移到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</source>
        <extracomment>the outline as read when the handles were drawn: a reshape is refused if the file&apos;s changed since</extracomment>
        <translation>顶点移到 {lon:.6f}, {lat:.6f}（松开鼠标放下，Esc 取消）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>范围面无效（边界自相交或洞在外面），未修改</source>
        <translation>范围面无效（边界自相交或洞在外面），未修改</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/details_watch.py" line="-6"/>
        <source>近30天告警</source>
        <translation>近30天告警</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/tips.py" line="+25"/>
        <source>未检测</source>
        <translation>未检测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在线</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告警中</source>
        <translation>告警中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正常</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报警中</source>
        <translation>报警中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离线或故障</source>
        <translation>离线或故障</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{type} · {level} 级 · {status}</source>
        <translation>{type} · {level} 级 · {status}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>设备：{device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近：{time}（共 {count} 次）</source>
        <translation>最近：{time}（共 {count} 次）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>读数：{value:g} %LEL</source>
        <translation>读数：{value:g} %LEL</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>摄像头：{name}</source>
        <translation>摄像头：{name}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未命名</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>国标编号：{gb_id}</source>
        <translation>国标编号：{gb_id}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>状态：{state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区编码：{code}</source>
        <translation>小区编码：{code}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/video/live.py" line="+34"/>
        <source>本小区视频墙</source>
        <translation>本小区视频墙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情中小区的全部摄像头（子码流）</source>
        <translation>详情中小区的全部摄像头（子码流）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>全县视频墙</source>
        <translation>全县视频墙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全县摄像头，每页最多 16 路（子码流）</source>
        <translation>全县摄像头，每页最多 16 路（子码流）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>这个摄像头没有视频地址，无法观看。</source>
        <translation>这个摄像头没有视频地址，无法观看。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>没有可以观看的摄像头。</source>
        <translation>没有可以观看的摄像头。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视频墙 — {estate}</source>
        <translation>视频墙 — {estate}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视频墙 — 全县 {n} 路</source>
        <translation>视频墙 — 全县 {n} 路</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>演示测试流 · {name}</source>
        <translation>演示测试流 · {name}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alert_actions.py" line="+30"/>
        <source>派遣</source>
        <extracomment>button text -&gt; the status it moves to</extracomment>
        <translation>派遣</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签收</source>
        <translation>签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处置</source>
        <translation>处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation>办结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>误报</source>
        <translation>误报</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>处置说明（办结、误报须填写）</source>
        <translation>处置说明（办结、误报须填写）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视频</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+86"/>
        <source>请先在列表中选择一条告警。</source>
        <translation>请先在列表中选择一条告警。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>清单以只读方式打开</source>
        <translation>清单以只读方式打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法改变告警状态：{reason}</source>
        <translation>无法改变告警状态：{reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>告警已改为“{status}”。</source>
        <translation>告警已改为“{status}”。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>这条告警不是摄像头发出的，没有视频。</source>
        <translation>这条告警不是摄像头发出的，没有视频。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alert_model.py" line="+27"/>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区</source>
        <translation>小区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>乡镇</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>次数</source>
        <translation>次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>今天</source>
        <extracomment>level (1 most severe … 4) -&gt; colour of its mark the same, dark enough for text on white and on the new-alert highlight time ranges of the filter: key -&gt; (label, how far back; None: since local midnight)</extracomment>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24 小时</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 天</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 天</source>
        <translation>30 天</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>等级 {level}，设备 {device}</source>
        <extracomment>the most alerts listed at once (the oldest drop off the end) more changed alerts than this in one upsert are placed by one layout change, not row by row</extracomment>
        <translation>等级 {level}，设备 {device}</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../onemap/gui/watch/feed_state.py" line="+18"/>
        <source>演示数据</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/alerts.py" line="+54"/>
        <source>全部类型</source>
        <extracomment>the alert last clicked: the buttons act on it even when arrivals move its row</extracomment>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部乡镇</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{n} 条</source>
        <translation>{n} 条</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>该小区没有坐标，无法在地图上定位。</source>
        <translation>该小区没有坐标，无法在地图上定位。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+36"/>
        <source>实时告警（消息代理）</source>
        <translation>实时告警（消息代理）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>留空则不连接代理（只看本文件中的告警）</source>
        <translation>留空则不连接代理（只看本文件中的告警）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>使用 TLS 加密（mqtts）</source>
        <translation>使用 TLS 加密（mqtts）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新告警时发出提示音</source>
        <translation>新告警时发出提示音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代理地址</source>
        <translation>代理地址</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/connect_dialog.py" line="+32"/>
        <source>连接服务器</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>如 610725，多个用逗号分隔；留空打开全部</source>
        <translation>如 610725，多个用逗号分隔；留空打开全部</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>留空则使用系统钥匙串或 .pgpass</source>
        <translation>留空则使用系统钥匙串或 .pgpass</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存密码到系统钥匙串</source>
        <translation>保存密码到系统钥匙串</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>服务器</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+1"/>
        <source>端口</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+2"/>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>区县代码</source>
        <translation>区县代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+1"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>连接</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/broker_group.py" line="+15"/>
        <source>已保存密码，留空则保持不变。</source>
        <translation>已保存密码，留空则保持不变。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未保存密码。</source>
        <translation>尚未保存密码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码只保存在：{where}。</source>
        <translation>密码只保存在：{where}。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/feed_state.py" line="-1"/>
        <source>已连接</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未配置</source>
        <translation>未配置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重连中</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>实时告警：{state}</source>
        <translation>实时告警：{state}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>演示数据（合成，非真实告警）</source>
        <translation>演示数据（合成，非真实告警）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在“设置”中填写消息代理即可接收实时告警</source>
        <translation>在“设置”中填写消息代理即可接收实时告警</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/mode.py" line="+32"/>
        <source>演示模式（实时告警）</source>
        <translation>演示模式（实时告警）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>播放合成的演示告警（演示数据），写入当前清单</source>
        <translation>播放合成的演示告警（演示数据），写入当前清单</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>“{name}”不是演示清单。演示模式会把合成的告警（标为“演示数据”）写入这个文件。确定要继续吗？</source>
        <translation>“{name}”不是演示清单。演示模式会把合成的告警（标为“演示数据”）写入这个文件。确定要继续吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>演示模式</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>演示模式已开始：告警均为合成的演示数据。</source>
        <translation>演示模式已开始：告警均为合成的演示数据。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>演示模式未能启动，详见日志。</source>
        <translation>演示模式未能启动，详见日志。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/watch/pictures.py" line="+25"/>
        <source>上一张</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一张</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（演示数据）</source>
        <translation>（演示数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>告警图片：{estate} {type}</source>
        <translation>告警图片：{estate} {type}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>这张图片无法显示（不是有效的 JPEG）。</source>
        <translation>这张图片无法显示（不是有效的 JPEG）。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/actions.py" line="+28"/>
        <source>评分排序…</source>
        <translation>评分排序…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按权重给小区评分、排序，改权重即时重排</source>
        <translation>按权重给小区评分、排序，改权重即时重排</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>城市体检调查…</source>
        <translation>城市体检调查…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为选中的小区逐栋记录体检问题</source>
        <translation>为选中的小区逐栋记录体检问题</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>片区…</source>
        <translation>片区…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在地图上显示片区范围，调整选中小区所属片区</source>
        <translation>在地图上显示片区范围，调整选中小区所属片区</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导入体检调查表…</source>
        <translation>导入体检调查表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 Excel 或 CSV 调查表导入体检问题（与 onemap checkup import 相同）</source>
        <translation>从 Excel 或 CSV 调查表导入体检问题（与 onemap checkup import 相同）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请先在地图上选中一个小区（文件须可写）。</source>
        <translation>请先在地图上选中一个小区（文件须可写）。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/score_panel.py" line="-64"/>
        <source>评分（权重 {version}）</source>
        <extracomment>the tables the score reads (estate columns, findings, consent, 片区, funding, buildings, facilities, points and outlines): a change to any estate&apos;s rows there may move every estate&apos;s rank</extracomment>
        <translation>评分（权重 {version}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>小区较多，请用“工具 ▸ 评分排序…”查看评分。</source>
        <translation>小区较多，请用“工具 ▸ 评分排序…”查看评分。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>第 {rank} 名（共 {n} 个）</source>
        <translation>第 {rank} 名（共 {n} 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>资格</source>
        <translation>资格</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="+38"/>
        <source>在线底图设置</source>
        <translation>在线底图设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>允许联网获取底图瓦片（关闭时 OneMap 不建立任何网络连接）</source>
        <translation>允许联网获取底图瓦片（关闭时 OneMap 不建立任何网络连接）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="-43"/>
        <source>已保存在系统钥匙串中（留空则不变）</source>
        <translation>已保存在系统钥匙串中（留空则不变）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>天地图密钥（tk）</source>
        <translation>天地图密钥（tk）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天地图密钥</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有可用的系统钥匙串，无法保存密钥。</source>
        <translation>本机没有可用的系统钥匙串，无法保存密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>例如 GS(20xx)xxxx号，按天地图公布的填写</source>
        <translation>例如 GS(20xx)xxxx号，按天地图公布的填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审图号</source>
        <translation>审图号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>每个底图的磁盘缓存</source>
        <translation>每个底图的磁盘缓存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>其他瓦片源</source>
        <translation>其他瓦片源</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>编辑…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>（自有）</source>
        <translation>（自有）</translation>
    </message>
    <message>
        <source>自定义底图署名</source>
        <translation type="vanished">自定义底图署名</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/web_source_dialog.py" line="-39"/>
        <source>瓦片源</source>
        <translation>瓦片源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>瓦片源：{name}</source>
        <translation>瓦片源：{name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>例如 陕西天地图、县自然资源局瓦片</source>
        <translation>例如 陕西天地图、县自然资源局瓦片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>瓦片地址模板</source>
        <translation>瓦片地址模板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>瓦片矩阵集（WMTS）</source>
        <translation>瓦片矩阵集（WMTS）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WMTS 才需要：w、GoogleMapsCompatible 或 EPSG:3857</source>
        <translation>WMTS 才需要：w、GoogleMapsCompatible 或 EPSG:3857</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>署名</source>
        <translation>署名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>印在地图下方，例如 © 某某局</source>
        <translation>印在地图下方，例如 © 某某局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密钥（tk）</source>
        <translation>密钥（tk）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本单位自有的底图（允许批量预下载）</source>
        <translation>本单位自有的底图（允许批量预下载）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>地址含 {tk} 时填写；只存入系统钥匙串</source>
        <translation>地址含 {tk} 时填写；只存入系统钥匙串</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请给瓦片源起一个名称。</source>
        <translation>请给瓦片源起一个名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已有名为“{name}”的瓦片源。</source>
        <translation>已有名为“{name}”的瓦片源。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+43"/>
        <source>参考图层</source>
        <translation>参考图层</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="-16"/>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+6"/>
        <source>添加…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/docks/reflayers.py" line="+1"/>
        <source>移除</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下移</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>样式…</source>
        <translation>样式…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>添加参考图层</source>
        <translation>添加参考图层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参考图层 (*.shp *.gpkg *.geojson *.json *.kml *.dxf);;所有文件 (*)</source>
        <translation>参考图层 (*.shp *.gpkg *.geojson *.json *.kml *.dxf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>DXF 坐标系</source>
        <translation>DXF 坐标系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DXF 图纸没有坐标系，请输入（如 EPSG:4545）：</source>
        <translation>DXF 图纸没有坐标系，请输入（如 EPSG:4545）：</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/dem_menu.py" line="+38"/>
        <source>三维地形：选择高程数据（DEM）…</source>
        <translation>三维地形：选择高程数据（DEM）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三维地形：不使用高程数据</source>
        <translation>三维地形：不使用高程数据</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择高程数据（DEM）</source>
        <translation>选择高程数据（DEM）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>高程 GeoTIFF (*.tif *.tiff);;所有文件 (*)</source>
        <translation>高程 GeoTIFF (*.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>无法使用高程数据</source>
        <translation>无法使用高程数据</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/coverage/dock.py" line="+65"/>
        <source>生活圈</source>
        <translation>生活圈</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>计算覆盖</source>
        <translation>计算覆盖</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>步行路网…</source>
        <translation>步行路网…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示服务范围</source>
        <translation>显示服务范围</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>沿路网时：可达街道两侧各 {side} 米（假定的步行进深）合并为一片服务范围。</source>
        <translation>沿路网时：可达街道两侧各 {side} 米（假定的步行进深）合并为一片服务范围。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>假如在此新增设施</source>
        <translation>假如在此新增设施</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留此设施</source>
        <translation>保留此设施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>选择设施</source>
        <translation>选择设施</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>改为所选类型</source>
        <translation>改为所选类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移动</source>
        <translation>移动</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../onemap/gui/dialogs/online_basemap_dialog.py" line="+2"/>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+160"/>
        <location line="+120"/>
        <source>已取消</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>步行路网</source>
        <translation>步行路网</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>请先计算覆盖。</source>
        <translation>请先计算覆盖。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>修改设施</source>
        <translation>修改设施</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/coverage/text.py" line="+18"/>
        <source>距离沿步行路网（{source}）计算。</source>
        <translation>距离沿步行路网（{source}）计算。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未载入路网：距离按直线 × 绕行系数 {detour} 估算。</source>
        <translation>未载入路网：距离按直线 × 绕行系数 {detour} 估算。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{estates} 个小区中 {met} 个满足完整社区配套清单。</source>
        <translation>{estates} 个小区中 {met} 个满足完整社区配套清单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺口最多：{gaps}</source>
        <translation>缺口最多：{gaps}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>圈色：绿 无缺口，橙 缺 1–2 项，红 缺 3 项以上。</source>
        <translation>圈色：绿 无缺口，橙 缺 1–2 项，红 缺 3 项以上。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>在此新增{kind}：新覆盖 {count} 个小区（{metres} 米内，{method}）。</source>
        <translation>在此新增{kind}：新覆盖 {count} 个小区（{metres} 米内，{method}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>沿路网</source>
        <translation>沿路网</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>直线 × 绕行系数</source>
        <translation>直线 × 绕行系数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>设施：放大后显示</source>
        <translation>设施：放大后显示</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/districts_panel.py" line="+102"/>
        <location line="+32"/>
        <source>片区</source>
        <translation>片区</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>加入片区</source>
        <translation>加入片区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移出片区</source>
        <translation>移出片区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>片区名称（可输入新名称）：</source>
        <translation>片区名称（可输入新名称）：</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>已选中 {n} 个小区</source>
        <translation>已选中 {n} 个小区</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>清单为只读，不能调整片区</source>
        <translation>清单为只读，不能调整片区</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/view.py" line="+113"/>
        <source>复位视角</source>
        <extracomment>the county&apos;s home view is oblique (its valleys and ridges read as relief), an estate&apos;s a little steeper flying to a single small building stops this far away tiles follow the camera at most this often while it moves (milliseconds) the county, township and street names on the ground (set from the 2D map&apos;s; see placenames3d) what the camera frames until the user moves it: (&quot;home&quot;, &quot;&quot;) or (&quot;estate&quot;, code); kept on resize the tile meshes the camera needs (a county scene is one tile)</extracomment>
        <translation>复位视角</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>显示全部建筑（Home）</source>
        <translation>显示全部建筑（Home）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>飞至所选</source>
        <translation>飞至所选</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>飞到选中的小区（F）</source>
        <translation>飞到选中的小区（F）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>显示名称</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>放大后显示小区名称</source>
        <translation>放大后显示小区名称</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>三维视图不可用</source>
        <translation>三维视图不可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>二维地图、列表和其他功能不受影响。</source>
        <translation>二维地图、列表和其他功能不受影响。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/checkin_dialog.py" line="-125"/>
        <source>（已删除）</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（已修改）</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+109"/>
        <source>交回外业数据</source>
        <translation>交回外业数据</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>正在交回 {name}…</source>
        <translation>正在交回 {name}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>小区 / 表</source>
        <translation>小区 / 表</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../onemap/gui/server/conflict.py" line="+81"/>
        <source>字段</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>服务器上的值</source>
        <translation>服务器上的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>外业的值</source>
        <translation>外业的值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保留</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>按所选保留</source>
        <translation>按所选保留</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>已交回 {applied} 项修改，{same} 项已相同；{n} 处冲突待您选择。</source>
        <translation>已交回 {applied} 项修改，{same} 项已相同；{n} 处冲突待您选择。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>整行</source>
        <translation>整行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>服务器的</source>
        <translation>服务器的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>外业的</source>
        <translation>外业的</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/conflict.py" line="-41"/>
        <source>范围面</source>
        <translation>范围面</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>位置</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>修改冲突</source>
        <translation>修改冲突</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>在您读取之后，{who} 于 {when} 修改了“{estate}”的相同字段。请选择保留哪一方的值：</source>
        <translation>在您读取之后，{who} 于 {when} 修改了“{estate}”的相同字段。请选择保留哪一方的值：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>我的值</source>
        <translation>我的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{who} 的值</source>
        <translation>{who} 的值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保留对方的值</source>
        <translation>保留对方的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用我的值覆盖</source>
        <translation>用我的值覆盖</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/control.py" line="-122"/>
        <source>连接服务器…</source>
        <translation>连接服务器…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>交回外业数据…</source>
        <translation>交回外业数据…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在服务器上编辑小区…</source>
        <translation>在服务器上编辑小区…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>正在连接 {name}…</source>
        <translation>正在连接 {name}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法连接服务器</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <source>服务器清单在此窗口中只读：他人的修改会自动显示</source>
        <translation type="vanished">服务器清单在此窗口中只读：他人的修改会自动显示</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>已连接 {name}</source>
        <translation>已连接 {name}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/edit.py" line="-16"/>
        <source>无法保存</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>新画的范围面</source>
        <translation>新画的范围面</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除范围面</source>
        <translation>删除范围面</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>账号 {login} 在这个服务器清单上只能查看，不能修改</source>
        <translation>账号 {login} 在这个服务器清单上只能查看，不能修改</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/server/live.py" line="+136"/>
        <source> 等 {n} 个小区</source>
        <translation> 等 {n} 个小区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{who} 修改了 {what}</source>
        <translation>{who} 修改了 {what}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/scene3d/binding.py" line="+51"/>
        <source>服务器上的清单暂不能显示三维：请检出（onemap checkout）到本机文件后查看三维。</source>
        <extracomment>called after a scene is put on show (the live watch&apos;s marks place themselves in its frame) inventory path -&gt; (DEM file or None, basemap to drape): the window sets it from its settings why the last build&apos;s ground lacks its relief or basemap (sentences; empty when all went well) the ground&apos;s reference layers and sentences (the window sets its ``reference`` and ``say``)</extracomment>
        <translation>服务器上的清单暂不能显示三维：请检出（onemap checkout）到本机文件后查看三维。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/checkup/sheet_import.py" line="+45"/>
        <location line="+47"/>
        <source>导入体检调查表</source>
        <extracomment>per-row problems shown in the message itself; the rest are under 显示详细信息 the job&apos;s :class:`~onemap.gui.jobs.Outcome`, after the message is shown</extracomment>
        <translation>导入体检调查表</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>体检调查表 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>体检调查表 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先打开一个可写的本地清单。</source>
        <translation>请先打开一个可写的本地清单。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导入体检调查表……</source>
        <translation>正在导入体检调查表……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法导入体检调查表</source>
        <translation>无法导入体检调查表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>第 {row} 行 {field}：{reason}</source>
        <translation>第 {row} 行 {field}：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>共 {rows} 行：导入 {n} 条体检问题，{m} 行未导入。</source>
        <translation>共 {rows} 行：导入 {n} 条体检问题，{m} 行未导入。</translation>
    </message>
</context>
<context>
    <name>BriefDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/brief_dialog.py" line="+97"/>
        <source>{name}-简报.pdf</source>
        <translation>{name}-简报.pdf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“预览前几页”先生成封面、目录、汇总和前 {n} 个小区的档案页。</source>
        <translation>“预览前几页”先生成封面、目录、汇总和前 {n} 个小区的档案页。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>所选 {n} 个小区</source>
        <translation>所选 {n} 个小区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}，共 {n} 个小区</source>
        <translation>{what}，共 {n} 个小区</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在生成预览……</source>
        <translation>正在生成预览……</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择一个 .pdf 文件，并确认文件夹存在。</source>
        <translation>请选择一个 .pdf 文件，并确认文件夹存在。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} 已存在；请点“选择…”选择它并确认覆盖，或换一个文件名。</source>
        <translation>{name} 已存在；请点“选择…”选择它并确认覆盖，或换一个文件名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在生成 PDF……</source>
        <translation>正在生成 PDF……</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+6"/>
        <source>已取消，没有生成 PDF。</source>
        <translation>已取消，没有生成 PDF。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>生成 PDF 时出错：{message}</source>
        <translation>生成 PDF 时出错：{message}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已导出 {pages} 页到 {path}</source>
        <translation>已导出 {pages} 页到 {path}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>预览共 {pages} 页（导出时每个小区一页）。</source>
        <translation>预览共 {pages} 页（导出时每个小区一页）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这台电脑不能把 PDF 页面画成图片（没有 QtPdf，也没有 pdftoppm）；预览 PDF 共 {pages} 页。</source>
        <translation>这台电脑不能把 PDF 页面画成图片（没有 QtPdf，也没有 pdftoppm）；预览 PDF 共 {pages} 页。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>第 {n} 页</source>
        <translation>第 {n} 页</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>没有可导出的小区。</source>
        <translation>没有可导出的小区。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>保存简报</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/brief_dialog.ui" line="+5"/>
        <source>导出简报</source>
        <translation>导出简报</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>纸张</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>横向</source>
        <translation>横向</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>内容</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>隐藏电话中间四位（138****5678）</source>
        <translation>隐藏电话中间四位（138****5678）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只要小区档案页（不含封面、目录和汇总）</source>
        <translation>只要小区档案页（不含封面、目录和汇总）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>附年度改造计划汇报，预算（万元）</source>
        <translation>附年度改造计划汇报，预算（万元）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>保存到</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>预览前几页</source>
        <translation>预览前几页</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>导出 PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CameraPanel</name>
    <message>
        <location filename="../../onemap/gui/cameras/players.py" line="+35"/>
        <source>设置中的播放器不能使用：{reason}</source>
        <translation>设置中的播放器不能使用：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>没有找到视频播放器。请安装 VLC 或 ffplay，或在“设置”中指定播放器的位置。</source>
        <translation>没有找到视频播放器。请安装 VLC 或 ffplay，或在“设置”中指定播放器的位置。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>链接无效：{reason}</source>
        <translation>链接无效：{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>系统没有能打开这个网址的程序。</source>
        <translation>系统没有能打开这个网址的程序。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>国标编码要在县视频平台中打开：请用“复制国标编码”。</source>
        <translation>国标编码要在县视频平台中打开：请用“复制国标编码”。</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/cameras/panel.py" line="+123"/>
        <location filename="../../ui/camera_panel.ui" line="+22"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>国标编码</source>
        <translation>国标编码</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/camera_panel.ui" line="+1"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+15"/>
        <source>打开</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在 OneMap 中观看</source>
        <translation>在 OneMap 中观看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在 OneMap 的视频窗口中播放（断线自动重连，可截图）</source>
        <translation>在 OneMap 的视频窗口中播放（断线自动重连，可截图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+6"/>
        <source>检查在线</source>
        <translation>检查在线</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/camera_panel.ui" line="+6"/>
        <source>复制国标编码</source>
        <translation>复制国标编码</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>这个小区没有登记摄像头。</source>
        <translation>这个小区没有登记摄像头。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>未命名</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未检查</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不可达：{reason}</source>
        <translation>不可达：{reason}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>（没有视频地址）</source>
        <translation>（没有视频地址）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>无法打开摄像头</source>
        <translation>无法打开摄像头</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/camera_panel.ui" line="-46"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已用系统默认程序打开“{name}”。</source>
        <translation>已用系统默认程序打开“{name}”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已在 {player} 中打开“{name}”。</source>
        <translation>已在 {player} 中打开“{name}”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在检查 {n} 个摄像头……</source>
        <translation>正在检查 {n} 个摄像头……</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>在线 {online} 个，不可达 {offline} 个。</source>
        <translation>在线 {online} 个，不可达 {offline} 个。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已复制国标编码 {gb_id}</source>
        <translation>已复制国标编码 {gb_id}</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/cameras/ids.py" line="+44"/>
        <source>编码有误：{reason}</source>
        <translation>编码有误：{reason}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>国标编码 {digits}：行政区划 {admin}，行业 {industry}，类型 {kind}（{code}），序号 {serial}</source>
        <translation>国标编码 {digits}：行政区划 {admin}，行业 {industry}，类型 {kind}（{code}），序号 {serial}</translation>
    </message>
    <message>
        <location filename="../../ui/camera_panel.ui" line="+35"/>
        <source>用设置中的播放器打开视频流；网页和 HLS 链接用系统默认程序打开</source>
        <translation>用设置中的播放器打开视频流；网页和 HLS 链接用系统默认程序打开</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>逐个连接摄像头的端口（不登录、不发送数据），离线电脑会显示“不可达”</source>
        <translation>逐个连接摄像头的端口（不登录、不发送数据），离线电脑会显示“不可达”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制 20 位 GB/T 28181 编码，到县视频平台中查看</source>
        <translation>复制 20 位 GB/T 28181 编码，到县视频平台中查看</translation>
    </message>
</context>
<context>
    <name>ChannelBox</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_channels.py" line="+65"/>
        <source>已保存在系统钥匙串中（留空则不变）</source>
        <translation>已保存在系统钥匙串中（留空则不变）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未设置</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密钥（{what}）</source>
        <translation>密钥（{what}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认通道（未单独设置的角色用它）</source>
        <translation>默认通道（未单独设置的角色用它）</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../ui/details.ui" line="+6"/>
        <source>小区详情</source>
        <translation>小区详情</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>在地图或表格中点击一个小区，这里显示它的全部信息。</source>
        <translation>在地图或表格中点击一个小区，这里显示它的全部信息。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>此处还有：</source>
        <translation>此处还有：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>基本信息</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>责任人</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>监控摄像头</source>
        <translation>监控摄像头</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>资金来源</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>改造内容</source>
        <translation>改造内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>最近修改记录</source>
        <translation>最近修改记录</translation>
    </message>
</context>
<context>
    <name>DispatchRulesDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_rules.py" line="+210"/>
        <source>告警派发规则</source>
        <translation>告警派发规则</translation>
    </message>
</context>
<context>
    <name>DispatchRulesPage</name>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_channels.py" line="-51"/>
        <source>短信（阿里云 SendSms）</source>
        <extracomment>the core&apos;s channel titles and field names, for lupdate (shown through :func:`tr_page`)</extracomment>
        <translation>短信（阿里云 SendSms）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业微信群机器人</source>
        <translation>企业微信群机器人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>钉钉群机器人</source>
        <translation>钉钉群机器人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电子邮件（SMTP）</source>
        <translation>电子邮件（SMTP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>短信签名</source>
        <translation>短信签名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>模板编号</source>
        <translation>模板编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>消息格式</source>
        <translation>消息格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>邮件服务器</source>
        <translation>邮件服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>端口</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发件人</source>
        <translation>发件人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>抄送地址</source>
        <translation>抄送地址</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/dispatch_rules.py" line="-161"/>
        <source>告警类型</source>
        <translation>告警类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通知顺序（→ 分隔升级步骤）</source>
        <translation>通知顺序（→ 分隔升级步骤）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>升级等待（分钟）</source>
        <translation>升级等待（分钟）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>规则文件（采集器读取）：{path}</source>
        <translation>规则文件（采集器读取）：{path}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>默认升级等待（分钟）</source>
        <translation>默认升级等待（分钟）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>添加规则</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除所选规则</source>
        <translation>删除所选规则</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>已保存。</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>告警派发</source>
        <translation>告警派发</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>派发规则…</source>
        <translation>派发规则…</translation>
    </message>
</context>
<context>
    <name>EstateForm</name>
    <message>
        <location filename="../../ui/estate_form.ui" line="+1107"/>
        <source>责任人</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>资金</source>
        <translation>资金</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>改造内容</source>
        <translation>改造内容</translation>
    </message>
    <message>
        <location line="-1415"/>
        <source>编辑小区</source>
        <translation>编辑小区</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>基本信息</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>小区编码</source>
        <translation>小区编码</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>小区名称</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>曾用名</source>
        <translation>曾用名</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1047"/>
        <location line="+83"/>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="-1090"/>
        <source>所在镇（街道）</source>
        <translation>所在镇（街道）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>所属社区</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+1007"/>
        <source>位置（经度, 纬度）</source>
        <translation>位置（经度, 纬度）</translation>
    </message>
    <message>
        <location line="-956"/>
        <source>坐标来源</source>
        <translation>坐标来源</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>房屋与管理</source>
        <translation>房屋与管理</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>建成年份</source>
        <translation>建成年份</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>建成年份（原文）</source>
        <translation>建成年份（原文）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>楼栋数</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>户数</source>
        <translation>户数</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>住宅建筑面积（㎡）</source>
        <translation>住宅建筑面积（㎡）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>房屋性质</source>
        <translation>房屋性质</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>管理模式</source>
        <translation>管理模式</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>改造</source>
        <translation>改造</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>改造年度</source>
        <translation>改造年度</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>改造类别</source>
        <translation>改造类别</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>基础类</source>
        <translation>基础类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完善类</source>
        <translation>完善类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>提升类</source>
        <translation>提升类</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>安全类</source>
        <translation>安全类</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>改造状态</source>
        <translation>改造状态</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>进度（%）</source>
        <translation>进度（%）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>开工日期</source>
        <translation>开工日期</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>完工日期</source>
        <translation>完工日期</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>总投资（万元）</source>
        <translation>总投资（万元）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>更新时间</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>身份</source>
        <translation>身份</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>传感器</source>
        <translation>传感器</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>设备编号</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>低报（%LEL）</source>
        <translation>低报（%LEL）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>高报（%LEL）</source>
        <translation>高报（%LEL）</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>改造成效</source>
        <translation>改造成效</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>改造完成的实物量，用于统计调查「改造效果情况」；未统计的留空（留空不计为 0）。</source>
        <translation>改造完成的实物量，用于统计调查「改造效果情况」；未统计的留空（留空不计为 0）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>改造管线（公里）</source>
        <translation>改造管线（公里）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>加装电梯（部）</source>
        <translation>加装电梯（部）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设停车位（个）</source>
        <translation>增设停车位（个）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设充电桩（个）</source>
        <translation>增设充电桩（个）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设养老服务设施（个）</source>
        <translation>增设养老服务设施（个）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设托育服务设施（个）</source>
        <translation>增设托育服务设施（个）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>增设其他社区服务设施（个）</source>
        <translation>增设其他社区服务设施（个）</translation>
    </message>
    <message>
        <location line="-612"/>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>职务</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>电话</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+83"/>
        <location line="+93"/>
        <location line="+68"/>
        <location line="+68"/>
        <source>新增一行</source>
        <translation>新增一行</translation>
    </message>
    <message>
        <location line="-305"/>
        <location line="+83"/>
        <location line="+93"/>
        <location line="+68"/>
        <location line="+68"/>
        <source>删除所选行</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <location line="-282"/>
        <location line="+83"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>视频地址</source>
        <translation>视频地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>国标编码</source>
        <translation>国标编码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>通道号</source>
        <translation>通道号</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>资金来源</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>金额（万元）</source>
        <translation>金额（万元）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>内容</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>EstateFormDialog</name>
    <message>
        <location filename="../../onemap/gui/editing/estate_form.py" line="+158"/>
        <source>新增小区</source>
        <extracomment>the tab each scalar field sits on (the tab turns red while one of its fields is wrong) the estate as read when the form opened: after a conflict, what the user typed is what differs from it</extracomment>
        <translation>新增小区</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑小区：{name}（{code}）</source>
        <translation>编辑小区：{name}（{code}）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>清单以只读方式打开，不能保存修改。</source>
        <translation>清单以只读方式打开，不能保存修改。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>还有 {n} 处需要改正（见红字），改正后才能保存。</source>
        <translation>还有 {n} 处需要改正（见红字），改正后才能保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>有 {n} 条提示（黄字），可以保存。</source>
        <translation>有 {n} 条提示（黄字），可以保存。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无法保存</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/export_dialog.py" line="+35"/>
        <source>Excel 工作簿（.xlsx）</source>
        <extracomment>suffix -&gt; (name, what it is for), in the order offered</extracomment>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中文表头，冻结首行；可改好后再导入。</source>
        <translation>中文表头，冻结首行；可改好后再导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV 表格（.csv）</source>
        <translation>CSV 表格（.csv）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTF-8（带 BOM），中文 Excel 直接打开；可再导入。</source>
        <translation>UTF-8（带 BOM），中文 Excel 直接打开；可再导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GeoPackage 清单（.gpkg）</source>
        <translation>GeoPackage 清单（.gpkg）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新 OneMap 清单，含范围面、楼栋、责任人、资金、摄像头；QGIS 可打开。</source>
        <translation>新 OneMap 清单，含范围面、楼栋、责任人、资金、摄像头；QGIS 可打开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GeoJSON（.geojson）</source>
        <translation>GeoJSON（.geojson）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区点和范围面，WGS84 经纬度（EPSG:4326）；可再导入。</source>
        <translation>小区点和范围面，WGS84 经纬度（EPSG:4326）；可再导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KML（.kml）</source>
        <translation>KML（.kml）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Google 地球、奥维互动地图可打开。</source>
        <translation>Google 地球、奥维互动地图可打开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shapefile（.shp）</source>
        <translation>Shapefile（.shp）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ArcGIS 用：GBK 编码、CGCS2000；范围面另存为 *_outlines.shp；可再导入。</source>
        <translation>ArcGIS 用：GBK 编码、CGCS2000；范围面另存为 *_outlines.shp；可再导入。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{what}，共 {n} 个小区</source>
        <translation>{what}，共 {n} 个小区</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{name}-导出</source>
        <translation>{name}-导出</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>导出到</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>文件名应以 {suffixes} 结尾。</source>
        <translation>文件名应以 {suffixes} 结尾。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不能导出到正在使用的清单文件本身。</source>
        <translation>不能导出到正在使用的清单文件本身。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} 已存在；勾选“文件已存在时覆盖”，或换一个文件名。</source>
        <translation>{name} 已存在；勾选“文件已存在时覆盖”，或换一个文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件夹不存在：{folder}</source>
        <translation>文件夹不存在：{folder}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>正在导出……</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>已导出 {n} 个小区到 {path}</source>
        <translation>已导出 {n} 个小区到 {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已取消。</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.ui" line="+5"/>
        <location line="+77"/>
        <source>导出</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>保存到</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>文件已存在时覆盖</source>
        <translation>文件已存在时覆盖</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Filter</name>
    <message>
        <location filename="../../onemap/gui/dialogs/filter_text.py" line="+22"/>
        <source>全部小区</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>筛选：{conditions}</source>
        <translation>筛选：{conditions}</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <location filename="../../ui/filters.ui" line="+6"/>
        <source>筛选</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>镇（街道）</source>
        <translation>镇（街道）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>改造状态</source>
        <translation>改造状态</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>改造年度</source>
        <translation>改造年度</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+14"/>
        <location line="+32"/>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>至</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>改造类别</source>
        <translation>改造类别</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>监控摄像头</source>
        <translation>监控摄像头</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>有摄像头</source>
        <translation>有摄像头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无摄像头</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>定位</source>
        <translation>定位</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已定位</source>
        <translation>已定位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未定位</source>
        <translation>未定位</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>清除筛选</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/import_work.py" line="+12"/>
        <source>自动识别</source>
        <extracomment>coordinate-system choices: (what --crs takes, what the list shows)</extracomment>
        <translation>自动识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 经纬度（EPSG:4490）</source>
        <translation>CGCS2000 经纬度（EPSG:4490）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WGS84 经纬度（GPS，EPSG:4326）</source>
        <translation>WGS84 经纬度（GPS，EPSG:4326）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高德/腾讯（GCJ-02）</source>
        <translation>高德/腾讯（GCJ-02）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>百度（BD-09）</source>
        <translation>百度（BD-09）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 高斯-克吕格 3 度带 108°E（EPSG:4545）</source>
        <translation>CGCS2000 高斯-克吕格 3 度带 108°E（EPSG:4545）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CGCS2000 3 度带 36 带，带号前缀（EPSG:4524）</source>
        <translation>CGCS2000 3 度带 36 带，带号前缀（EPSG:4524）</translation>
    </message>
    <message>
        <location filename="../../onemap/gui/dialogs/import_dialog.py" line="+125"/>
        <source>选择台账</source>
        <translation>选择台账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台账 (*.xlsx *.xlsm *.csv *.txt *.geojson *.json);;所有文件 (*)</source>
        <translation>台账 (*.xlsx *.xlsm *.csv *.txt *.geojson *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>（自动选择）</source>
        <translation>（自动选择）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>正在试运行……</source>
        <translation>正在试运行……</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在导入……</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+7"/>
        <source>已取消，清单没有改动。</source>
        <translation>已取消，清单没有改动。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>导入出错，清单没有改动：{message}</source>
        <translation>导入出错，清单没有改动：{message}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导入 {n} 个小区</source>
        <translation>导入 {n} 个小区</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../ui/import_dialog.ui" line="+169"/>
        <source>导入</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name}-导入报告.xlsx</source>
        <translation>{name}-导入报告.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存导入报告</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>无法保存报告：{message}</source>
        <translation>无法保存报告：{message}</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>{name} 已存在；请点“保存报告为 Excel…”选择它并确认覆盖，或换一个文件名。</source>
        <translation>{name} 已存在；请点“保存报告为 Excel…”选择它并确认覆盖，或换一个文件名。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>报告已保存：{path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="-164"/>
        <source>导入台账</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>台账</source>
        <translation>台账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>文件</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel (.xlsx)、CSV 或 GeoJSON 台账</source>
        <translation>Excel (.xlsx)、CSV 或 GeoJSON 台账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>选择…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>工作表</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>坐标系</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>县（区）代码</source>
        <translation>县（区）代码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>6 位行政区划代码，如 610725（勉县）</source>
        <translation>6 位行政区划代码，如 610725（勉县）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>先试运行：检查台账并给出报告，不写入清单。看过报告后再点“导入”。</source>
        <translation>先试运行：检查台账并给出报告，不写入清单。看过报告后再点“导入”。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>问题</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>行号</source>
        <translation>行号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题说明</source>
        <translation>问题说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>列对应</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>台账列</source>
        <translation>台账列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>读作</source>
        <translation>读作</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>新增与更新</source>
        <translation>新增与更新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>小区编码</source>
        <translation>小区编码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>小区名称</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>保存报告为 Excel…</source>
        <translation>保存报告为 Excel…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>试运行（检查）</source>
        <translation>试运行（检查）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>LegendPanel</name>
    <message>
        <location filename="../../ui/legend.ui" line="+6"/>
        <location line="+17"/>
        <source>图例</source>
        <translation>图例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数量</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <location filename="../../onemap/gui/dialogs/import_report_view.py" line="+84"/>
        <source>跳过</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提示</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未识别（已保存到备注）</source>
        <translation>未识别（已保存到备注）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>更新</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>试运行结果（清单未改动）：将新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</source>
        <translation>试运行结果（清单未改动）：将新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已导入：新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</source>
        <translation>已导入：新增 {imported} 个、更新 {updated} 个小区，无变化 {unchanged} 个，跳过 {skipped} 行，提示 {warnings} 条。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>坐标系：{crs}</source>
        <translation>坐标系：{crs}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入前的备份：{path}</source>
        <translation>导入前的备份：{path}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../onemap/gui/dialogs/settings_dialog.py" line="+38"/>
        <source>经度 / 纬度（度）</source>
        <translation>经度 / 纬度（度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>高斯-克吕格坐标（米，CGCS2000 3 度带）</source>
        <translation>高斯-克吕格坐标（米，CGCS2000 3 度带）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>留空则用系统用户名（{user}）</source>
        <translation>留空则用系统用户名（{user}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动查找的位置：
{paths}</source>
        <translation>自动查找的位置：
{paths}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>可以使用。</source>
        <translation>可以使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>将使用：{path}</source>
        <translation>将使用：{path}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>没有找到 VLC 或 ffplay。</source>
        <translation>没有找到 VLC 或 ffplay。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择离线底图</source>
        <translation>选择离线底图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MBTiles 底图 (*.mbtiles);;所有文件 (*)</source>
        <translation>MBTiles 底图 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>程序 (*.exe)</source>
        <translation>程序 (*.exe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所有文件 (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择视频播放器</source>
        <translation>选择视频播放器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>没有找到 VLC 或 ffplay，请安装后再试，或手动选择。</source>
        <translation>没有找到 VLC 或 ffplay，请安装后再试，或手动选择。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.ui" line="+5"/>
        <source>设置</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>离线底图</source>
        <translation>离线底图</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>MBTiles 文件（可留空）</source>
        <translation>MBTiles 文件（可留空）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+31"/>
        <source>选择…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>视频播放器</source>
        <translation>视频播放器</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>VLC 或 ffplay；留空则自动查找</source>
        <translation>VLC 或 ffplay；留空则自动查找</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>自动查找</source>
        <translation>自动查找</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>修改记录署名</source>
        <translation>修改记录署名</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>坐标显示</source>
        <translation>坐标显示</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>电话号码</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>隐藏中间四位（138****5678）</source>
        <translation>隐藏中间四位（138****5678）</translation>
    </message>
</context>
<context>
    <name>StatisticsDock</name>
    <message>
        <location filename="../../onemap/gui/docks/statistics.py" line="+27"/>
        <source>按改造年度（小区数）</source>
        <extracomment>how long the figures wait after a refresh of some estates (more may follow) (dimension, Statistics attribute, title, horizontal bars)</extracomment>
        <translation>按改造年度（小区数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按改造状态（小区数）</source>
        <translation>按改造状态（小区数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按镇（街道）（户数）</source>
        <translation>按镇（街道）（户数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按资金来源（万元）</source>
        <translation>按资金来源（万元）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>小区</source>
        <translation>小区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>楼栋</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>户数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>住宅建筑面积（㎡）</source>
        <translation>住宅建筑面积（㎡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>总投资（万元）</source>
        <translation>总投资（万元）</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>统计</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>点击彩色柱条，地图即按该项筛选；灰色柱条不能作为筛选条件。</source>
        <translation>点击彩色柱条，地图即按该项筛选；灰色柱条不能作为筛选条件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地图的筛选含搜索词、多个状态等无法写成条件的部分，这里的统计只按上面的条件。</source>
        <translation>地图的筛选含搜索词、多个状态等无法写成条件的部分，这里的统计只按上面的条件。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>“{label}”不能作为地图的筛选条件。</source>
        <translation>“{label}”不能作为地图的筛选条件。</translation>
    </message>
</context>
<context>
    <name>UndoActions</name>
    <message>
        <location filename="../../onemap/gui/editing/undo_actions.py" line="+84"/>
        <source>撤销</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重做</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>无法撤销或重做</source>
        <translation>无法撤销或重做</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../onemap/gui/video/tile.py" line="+123"/>
        <source>截图</source>
        <translation>截图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把当前画面保存到“图片”文件夹</source>
        <translation>把当前画面保存到“图片”文件夹</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>切到子码流</source>
        <translation>切到子码流</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>切到主码流</source>
        <translation>切到主码流</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>主码流</source>
        <translation>主码流</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>子码流</source>
        <translation>子码流</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>还没有画面，无法截图</source>
        <translation>还没有画面，无法截图</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法创建文件夹 {folder}</source>
        <translation>无法创建文件夹 {folder}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>截图未能保存到 {path}</source>
        <translation>截图未能保存到 {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>截图已保存：{name}</source>
        <translation>截图已保存：{name}</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../onemap/gui/video/wall.py" line="+71"/>
        <source>每页的画面数</source>
        <translation>每页的画面数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上一页</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>布局</source>
        <translation>布局</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>第 {page}/{pages} 页</source>
        <translation>第 {page}/{pages} 页</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>没有可播放的摄像头</source>
        <translation>没有可播放的摄像头</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>截图已保存到 {path}</source>
        <translation>截图已保存到 {path}</translation>
    </message>
</context>
</TS>
